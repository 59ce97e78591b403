"""Writes the hand-made gold of tests/data/dev3_events (annotated before looking at system output)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from gold_rows import actor as A
from gold_rows import claim as C
from gold_rows import event as E
from gold_rows import named as N
from gold_rows import place as P
from gold_rows import write

HERE = Path(__file__).parent

GOLD = {}


RSF = ["Rapid Support Forces", "RSF"]
OCHA = ["UN Office for the Coordination of Humanitarian Affairs", "OCHA"]
IOM = ["International Organization for Migration", "IOM"]
GOLD["ocha_darfur_displacement.txt"] = dict(
    entities=[P("Sudan"), P("Darfur"), P("Tawila"), P("Zamzam camp", ["Zamzam"]), P("North Darfur"), N(OCHA[0], OCHA[1:]),
              N(IOM[0], IOM[1:]), N(RSF[0], RSF[1:]), N("Medecins Sans Frontieres", ["MSF"]), P("El Geneina"),
              N("Sudan Doctors Network"), P("El Fasher"), P("Port Sudan", ["PORT SUDAN"], opt=True),
              N("Humanitarian partners", opt=True), N("Local volunteers", opt=True), N("armed men", opt=True)],
    events=[
        E("Displacement", "Darfur displacement update", opt=True),
        E("Clash", "as fighting spreads to Tawila", opt=True),
        E("Displacement", "More than 3,000 families were displaced from Zamzam camp to Tawila",
          ["Zamzam camp", "Tawila", "North Darfur"], count=3000),
        E("Displacement", "an estimated 18,500 people arrived in Tawila", ["Tawila"], count=18500, opt=True),
        E("Killing", "at least 27 civilians were killed when the Rapid Support Forces (RSF) shelled the camp", [], RSF, count=27),
        E("Bombardment", "the Rapid Support Forces (RSF) shelled the camp", [], RSF),
        E("Attack", "its forces had only attacked army positions", opt=True),
        E("Looting", "the looting of the main market in Zamzam", ["Zamzam camp"]),
        E("Abduction", "armed men abducted four aid workers", ["El Geneina"], count=4),
        E("Appeal", "OCHA urged all parties to allow safe passage", [], OCHA),
        E("Appeal", "called for unimpeded humanitarian access to El Fasher", [], OCHA, opt=True),
        E("Displacement", "civilians fleeing the violence", opt=True),
    ],
    claims=[
        C(OCHA, "say", 3000, "More than 3,000 families were displaced"),
        C(IOM, "according to", 18500, "an estimated 18,500 people arrived in Tawila"),
        C(["Humanitarian partners"], "report", 27, "at least 27 civilians were killed", "Unverified", opt=True),
        C(RSF, "deny", None, "targeting civilians"),
        C(RSF, "say", None, "its forces had only attacked army positions"),
        C(["Local volunteers"], "document", None, "the looting of the main market", opt=True),
        C(["Sudan Doctors Network"], "say", 4, "armed men abducted four aid workers"),
        C(OCHA, "urge", None, "all parties to allow safe passage", opt=True),
    ])

M23 = ["M23", "M23 rebels"]
FARDC = ["Congolese army", "FARDC"]
ADF = ["Allied Democratic Forces", "ADF"]
GOLD["acled_weekly_drc.txt"] = dict(
    entities=[P("Democratic Republic of Congo"), N("ACLED"), P("North Kivu", ["North Kivu province"]), N("M23"),
              N(FARDC[0], FARDC[1:]), N("Wazalendo"), P("Masisi"), P("Sake"), N(ADF[0], ADF[1:]), P("Mayikengo"),
              P("Lubero", ["Lubero territory"]), P("Goma"), P("Ituri", ["Ituri province"]), N("CODECO"), P("Djugu"),
              P("Beni", ["Beni territory"]), N("UN refugee agency", ["UNHCR"]), P("Rutshuru", ["Rutshuru territory"]),
              P("Central Africa", opt=True), N("local media", opt=True)],
    events=[
        E("Clash", "M23 rebels clashed with the Congolese army (FARDC)", ["Masisi", "North Kivu"], M23 + FARDC),
        E("Killing", "leaving at least 14 combatants dead", ["Masisi", "North Kivu"], count=14),
        E("Clash", "Fighting continued the following day around Sake", ["Sake"]),
        E("Attack", "militants attacked the village of Mayikengo", ["Mayikengo", "Lubero"], ADF),
        E("Killing", "killing 22 civilians with machetes", ["Mayikengo", "Lubero"], ADF, count=22),
        E("Attack", "dozens of homes were set on fire", opt=True),
        E("Attack", "The ADF has not claimed the attack", opt=True),
        E("Arrest", "FARDC soldiers arrested 11 people", ["Goma"], FARDC, count=11),
        E("Killing", "CODECO militiamen killed seven gold miners", ["Djugu", "Ituri"], ["CODECO"], count=7),
        E("Rescue", "it had freed 35 hostages held by the ADF", ["Beni"], FARDC, count=35),
        E("Abduction", "hostages held by the ADF", opt=True),
        E("Displacement", "more than 40,000 people fled their homes in Rutshuru", ["Rutshuru"], count=40000),
        E("Displacement", "Displacement remains high", opt=True),
    ],
    claims=[
        C(["ACLED"], "record", None, "a sharp rise in political violence", opt=True),
        C(["Local civil society groups"], "report", None, "dozens of homes were set on fire", opt=True),
        C(["local media"], "according to", 11, "FARDC soldiers arrested 11 people", opt=True),
        C(FARDC, "say", 35, "it had freed 35 hostages"),
        C(["UN refugee agency", "UNHCR"], "estimate", 40000, "more than 40,000 people fled their homes"),
    ])

ISR = ["Israel", "Israeli", "Israeli military"]
GMOH = ["Gaza health ministry", "health ministry"]
GOLD["reuters_gaza_strikes.txt"] = dict(
    entities=[P("Israel", ["Israeli"]), P("Gaza Strip", ["Gaza"]), N(GMOH[0], GMOH[1:]), P("Jabalia"), N("Israeli military"),
              N("Hamas"), P("Khan Younis"), P("Deir al-Balah"), N("Qassam Brigades"), P("Rafah"), N("Reuters"),
              P("Egypt"), P("Qatar"), P("Cairo", ["CAIRO"], opt=True), N("Palestinians", opt=True), N("Medics", opt=True)],
    events=[
        E("Killing", "Israeli strikes kill at least 31 in Gaza", ["Gaza Strip", "Gaza"], ISR, count=31),
        E("Bombardment", "Israeli strikes kill at least 31 in Gaza", ["Gaza Strip", "Gaza"], ISR, opt=True),
        E("Killing", "Israeli air strikes killed at least 31 Palestinians", ["Gaza Strip", "Gaza"], ISR, ["Palestinians"], 31),
        E("Bombardment", "Israeli air strikes killed at least 31 Palestinians", ["Gaza Strip", "Gaza"], ISR),
        E("Killing", "including 12 people sheltering in a school in Jabalia", ["Jabalia"], count=12, opt=True),
        E("Bombardment", "it had struck a Hamas command centre", [], ["Israeli military"], ["Hamas"]),
        E("Attack", "it had struck a Hamas command centre", opt=True),
        E("Bombardment", "an Israeli drone strike hit a group of people in Khan Younis", ["Khan Younis"], ISR),
        E("Killing", "killing four", ["Khan Younis"], ISR, count=4),
        E("Attack", "tanks had advanced into the eastern part of Deir al-Balah", opt=True),
        E("Displacement", "forcing hundreds of families to flee westward", ["Deir al-Balah"]),
        E("Attack", "fired an anti-tank missile at an Israeli armoured vehicle near Rafah", ["Rafah"], ["Qassam Brigades"]),
        E("Killing", "more than 42,000 Palestinians have been killed in Gaza", ["Gaza Strip", "Gaza"], count=42000),
        E("Clash", "since the war began", opt=True),
        E("Appeal", "Egypt and Qatar called on both sides to return to ceasefire talks", [], ["Egypt", "Qatar"]),
    ],
    claims=[
        C(GMOH, "say", 31, "Israeli air strikes killed at least 31 Palestinians"),
        C(["Israeli military"], "say", None, "it had struck a Hamas command centre"),
        C(["Israeli military"], "deny", None, "the building was being used as a shelter"),
        C(["Medics"], "say", 4, "an Israeli drone strike hit a group of people", opt=True),
        C(["Qassam Brigades"], "say", None, "its fighters had fired an anti-tank missile"),
        C(GMOH, "say", 42000, "more than 42,000 Palestinians have been killed", "Unverified"),
    ])

RUS = ["Russia", "Russian", "Russian forces"]
GOLD["kyiv_drone_strikes.txt"] = dict(
    entities=[P("Russia", ["Russian"]), P("Odesa"), P("Odesa Oblast"), A("Oleh Kiper"), N("Telegram", opt=True),
              P("Ukraine", ["Ukrainian"]), N("Air Force", ["Ukraine's Air Force"]), P("Kharkiv Oblast"), P("Kupiansk"),
              A("Oleh Syniehubov"), P("Pokrovsk"), P("Donetsk Oblast"), N("General Staff of Ukraine's Armed Forces", ["General Staff"]),
              N("Defense Ministry", ["Russia's Defense Ministry"]), P("Novoselivka"), N("Security Service of Ukraine", ["SBU"]),
              P("Kupiansk district", opt=True)],
    events=[
        E("Attack", "Russian drone attack on Odesa kills 3", ["Odesa"], RUS),
        E("Killing", "Russian drone attack on Odesa kills 3", ["Odesa"], RUS, count=3),
        E("Attack", "Russia launched a massive drone attack on Odesa", ["Odesa"], RUS),
        E("Killing", "killing three people and injuring nine others", ["Odesa"], RUS, count=3),
        E("Attack", "The drones damaged a residential building", opt=True),
        E("Attack", "drones launched by Russia overnight", opt=True),
        E("Bombardment", "Russian forces shelled the town of Kupiansk", ["Kupiansk", "Kharkiv Oblast"], RUS),
        E("Killing", "killing a 64-year-old woman", ["Kupiansk", "Kharkiv Oblast"], RUS),
        E("Rescue", "ordered the evacuation of families with children", ["Kupiansk"]),
        E("Attack", "repelled 14 Russian assaults near Pokrovsk", ["Pokrovsk", "Donetsk Oblast"], RUS),
        E("Clash", "repelled 14 Russian assaults near Pokrovsk", opt=True),
        E("Attack", "its forces had captured the village of Novoselivka", opt=True),
        E("Clash", "fighting for the village was still ongoing", opt=True),
        E("Arrest", "it had detained two residents of Odesa", ["Odesa"], ["Security Service of Ukraine", "SBU"], count=2),
    ],
    claims=[
        C(["Oleh Kiper"], "report", 3, "killing three people and injuring nine others"),
        C(["Oleh Kiper"], "say", None, "The drones damaged a residential building"),
        C(["Air Force"], "say", 56, "it had shot down 56 of 73", "Unverified"),
        C(["Oleh Syniehubov"], "say", None, "Russian forces shelled the town of Kupiansk"),
        C(["General Staff of Ukraine's Armed Forces", "General Staff"], "according to", 14, "Ukrainian troops repelled 14 Russian assaults"),
        C(["Defense Ministry"], "claim", None, "its forces had captured the village of Novoselivka", "Denied"),
        C(["Ukraine"], "deny", None, "the claim", opt=True),
        C(["Security Service of Ukraine", "SBU"], "say", 2, "it had detained two residents of Odesa"),
    ])

GOLD["nigeria_katsina_bandits.txt"] = dict(
    entities=[P("Katsina State", ["Katsina"]), A("Musa Abdullahi"), P("Maidabino", ["Maidabino village"]),
              P("Danmusa Local Government Area", ["Danmusa"]), A("Sani Lawal"), A("Abubakar Sadiq Aliyu"),
              N("Community Watch Corps"), P("Zamfara State"), N("Operation Hadin Kai"), P("Tsafe"), N("Defence Headquarters"),
              N("Police", ["police"], opt=True), N("bandits", opt=True), P("Katsina town", opt=True)],
    events=[
        E("Abduction", "Bandits abduct 45 worshippers in Katsina", ["Katsina State"], count=45),
        E("Rescue", "police rescue 12", ["Katsina State"], count=12, opt=True),
        E("Abduction", "abducted at least 45 worshippers from a mosque", ["Maidabino", "Danmusa Local Government Area", "Katsina State"],
          count=45),
        E("Abduction", "marched the worshippers into the forest", opt=True),
        E("Killing", "Two people were shot dead while trying to escape", count=2),
        E("Attack", "confirmed the attack", opt=True),
        E("Rescue", "had rescued 12 of the victims after a gun duel with the bandits", [], ["Community Watch Corps", "Police"], count=12),
        E("Clash", "after a gun duel with the bandits"),
        E("Clash", "The operatives engaged the hoodlums", opt=True),
        E("Rescue", "rescued 12 victims unhurt", opt=True),
        E("Rescue", "Efforts are ongoing to free the remaining victims", opt=True),
        E("Arrest", "arrest the perpetrators", opt=True),
        E("Arrest", "arrested a suspected bandit logistics supplier in Tsafe", ["Tsafe", "Zamfara State"], ["Operation Hadin Kai"]),
        E("Displacement", "Residents of several villages in Danmusa have fled", ["Danmusa Local Government Area"]),
        E("Abduction", "since the abduction", opt=True),
    ],
    claims=[
        C(["residents"], "say", 45, "abducted at least 45 worshippers", opt=True),
        C(["Sani Lawal"], "tell", None, "the gunmen arrived on motorcycles"),
        C(["Sani Lawal"], "say", 2, "Two people were shot dead"),
        C(["Abubakar Sadiq Aliyu"], "confirm", None, "the attack"),
        C(["Abubakar Sadiq Aliyu"], "say", 12, "a joint team of police and Community Watch Corps had rescued 12"),
        C(["state government"], "deny", None, "a ransom had been demanded", opt=True),
        C(["Defence Headquarters"], "say", None, "arrested a suspected bandit logistics supplier"),
        C(["community leader"], "say", None, "Residents of several villages", opt=True),
    ])

PDF = ["People's Defence Force", "PDF"]
GOLD["myanmar_sagaing_airstrike.txt"] = dict(
    entities=[P("Myanmar"), P("Sagaing Region", ["Sagaing"]), P("Let Yet Kone", ["Let Yet Kone village"]),
              P("Kanbalu Township", ["Kanbalu"]), N(PDF[0], PDF[1:]), N("The Irrawaddy", ["Irrawaddy"]), A("Zaw Min Tun"),
              N("National Unity Government", ["NUG"]), P("Tabayin Township", ["Tabayin"]), N("Sagaing Forum"),
              P("Rakhine State", ["Rakhine"]), N("Arakan Army"), P("Maungdaw"), N("junta", opt=True)],
    events=[
        E("Killing", "Junta airstrike on Sagaing village kills dozens", ["Sagaing Region"]),
        E("Bombardment", "Junta airstrike on Sagaing village kills dozens", ["Sagaing Region"]),
        E("Bombardment", "A military airstrike on a village in Myanmar's Sagaing Region", ["Sagaing Region"]),
        E("Killing", "killed at least 32 people, including nine children", ["Sagaing Region"], count=32),
        E("Bombardment", "A junta fighter jet dropped two bombs on Let Yet Kone village", ["Let Yet Kone", "Kanbalu Township"]),
        E("Killing", "Residents put the death toll at 41", count=41, opt=True),
        E("Attack", "the air force had attacked a gathering of PDF fighters", [], [], PDF),
        E("Appeal", "called on the international community to stop supplying aviation fuel", [], ["National Unity Government", "NUG"]),
        E("Attack", "junta troops torched more than 200 houses in Tabayin Township", ["Tabayin Township"]),
        E("Displacement", "forcing about 5,000 villagers to flee", ["Tabayin Township"], count=5000),
        E("Attack", "it had seized a military base near Maungdaw", ["Maungdaw", "Rakhine State"], ["Arakan Army"]),
        E("Clash", "after weeks of fighting", opt=True),
        E("Bombardment", "condemned the airstrike as a war crime", opt=True),
    ],
    claims=[
        C(["local resistance groups"], "according to", 32, "killed at least 32 people", "Disputed", opt=True),
        C(PDF, "tell", None, "A junta fighter jet dropped two bombs on Let Yet Kone village"),
        C(["Zaw Min Tun"], "deny", None, "civilians had been targeted"),
        C(["Zaw Min Tun"], "tell", None, "the air force had attacked a gathering of PDF fighters"),
        C(["National Unity Government", "NUG"], "condemn", None, "the airstrike as a war crime", opt=True),
        C(["Sagaing Forum"], "according to", 5000, "junta troops torched more than 200 houses"),
        C(["Arakan Army"], "say", None, "it had seized a military base near Maungdaw"),
    ])

KNCHR = ["Kenya National Commission on Human Rights", "KNCHR"]
GOLD["kenya_protest_crackdown.txt"] = dict(
    entities=[P("Kenya", ["Kenyan"]), P("Nairobi", ["NAIROBI"]), N(KNCHR[0], KNCHR[1:]), N("Amnesty International Kenya"),
              A("Resila Onyango"), P("Mombasa"), P("Kisumu"), N("Law Society of Kenya"), A("William Ruto", ["Ruto"]),
              A("Kithure Kindiki"), N("police", ["Kenyan police"], opt=True), N("parliament", opt=True)],
    events=[
        E("Attack", "Kenyan police fire tear gas at protesters", opt=True),
        E("Arrest", "dozens arrested in Nairobi", ["Nairobi"]),
        E("Attack", "police fired tear gas and live rounds at protesters in Nairobi", ["Nairobi"]),
        E("Protest", "thousands marched against proposed tax increases", ["Nairobi"]),
        E("Arrest", "dozens of people were arrested", ["Nairobi"]),
        E("Killing", "at least 19 people were killed in protests across the country", count=19),
        E("Protest", "in protests across the country", opt=True),
        E("Attack", "police had shot unarmed demonstrators"),
        E("Arrest", "documented 52 arrests in Nairobi alone", ["Nairobi"], count=52),
        E("Arrest", "31 people had been arrested for looting shops", count=31),
        E("Looting", "for looting shops in the central business district"),
        E("Attack", "Protesters briefly stormed parliament", opt=True),
        E("Protest", "Protesters briefly stormed parliament", opt=True),
        E("Protest", "demonstrators blocked roads and burned tyres", ["Mombasa", "Kisumu"]),
        E("Appeal", "called on President William Ruto to withdraw the finance bill", [], ["Law Society of Kenya"]),
        E("Appeal", "demanded the release of all detained protesters", [], ["Law Society of Kenya"], opt=True),
        E("Threat", "would not tolerate criminal acts disguised as protests", opt=True),
        E("Arrest", "demanded the release of all detained protesters", opt=True),
    ],
    claims=[
        C(["witnesses"], "say", None, "dozens of people were arrested", opt=True),
        C(KNCHR, "say", 19, "at least 19 people were killed"),
        C(KNCHR, "allege", None, "police had shot unarmed demonstrators", "Denied"),
        C(["Amnesty International Kenya"], "say", 52, "it had documented 52 arrests"),
        C(["Resila Onyango"], "deny", None, "officers had used live ammunition"),
        C(["Resila Onyango"], "say", 31, "31 people had been arrested for looting shops"),
        C(["local media"], "report", None, "demonstrators blocked roads", opt=True),
        C(["Kithure Kindiki"], "say", None, "the government would not tolerate criminal acts"),
    ])

HNP = ["Haitian National Police"]
GOLD["haiti_looting.txt"] = dict(
    entities=[P("Port-au-Prince", ["PORT-AU-PRINCE"]), P("Haiti", ["Haitian"]), P("Carrefour"), N("AP", opt=True),
              N("Viv Ansanm"), A("Jimmy Cherizier", ["Barbecue"]), N("transitional council", opt=True),
              N("National Human Rights Defense Network", ["RNDDH"]), N("Haitian National Police"), A("Lionel Lazarre"),
              P("Kenya", ["Kenyan"], opt=True), N("Multinational Security Support mission"), N(IOM[0]),
              N("United Nations"), A("Antonio Guterres"), N("local officials", opt=True)],
    events=[
        E("Looting", "Gangs loot hospital", ["Port-au-Prince"]),
        E("Attack", "torch homes in Port-au-Prince suburb", opt=True),
        E("Looting", "Gang members looted the main hospital in the Carrefour suburb", ["Carrefour", "Port-au-Prince"]),
        E("Attack", "set fire to dozens of homes", ["Carrefour", "Port-au-Prince"]),
        E("Displacement", "forcing more than 1,500 residents to flee", ["Carrefour", "Port-au-Prince"], count=1500),
        E("Attack", "claimed responsibility for the attack", [], ["Viv Ansanm"]),
        E("Clash", "would keep fighting", opt=True),
        E("Killing", "at least 15 people were killed in the violence", count=15),
        E("Killing", "had killed eight gang members",
          [], ["Haitian National Police", "Multinational Security Support mission", "Kenya"], count=8),
        E("Attack", "in a counter-offensive", opt=True),
        E("Rescue", "rescued a group of nurses trapped inside the hospital",
          [], ["Haitian National Police", "Multinational Security Support mission", "Kenya"]),
        E("Displacement", "more than 700,000 people are now internally displaced in Haiti", ["Haiti"], count=700000),
        E("Appeal", "urged the international community to step up support", [], ["Antonio Guterres", "United Nations"]),
    ],
    claims=[
        C(["local officials"], "say", 1500, "forcing more than 1,500 residents to flee", opt=True),
        C(["Viv Ansanm"], "claim", None, "responsibility for the attack"),
        C(["Jimmy Cherizier"], "say", None, "his fighters would keep fighting"),
        C(["National Human Rights Defense Network", "RNDDH"], "say", 15, "at least 15 people were killed", "Unverified"),
        C(HNP, "say", None, "it could not yet confirm the toll", opt=True),
        C(["Lionel Lazarre"], "say", 8, "had killed eight gang members"),
        C(IOM[:1], "say", 700000, "more than 700,000 people are now internally displaced"),
    ])

ICRC = ["International Committee of the Red Cross", "ICRC"]
FANO = ["Fano", "Fano militias"]
GOLD["icrc_appeal_amhara.txt"] = dict(
    entities=[N(ICRC[0], ICRC[1:]), P("Ethiopia", ["Ethiopian"]), P("Amhara", ["Amhara region"]), P("Addis Ababa", ["ADDIS ABABA"], opt=True),
              A("Nicolas Heer"), N("Ethiopian National Defense Force", ["ENDF"]), N("Fano"), P("Gondar"), P("Debre Markos"),
              P("Bahir Dar"), N("Ethiopian government", opt=True), N("Ethiopian Human Rights Commission", ["EHRC"]), P("Merawi"),
              P("North Wollo"), P("Dessie"), P("Kobo")],
    events=[
        E("Appeal", "ICRC calls for access to civilians", ["Amhara"], ICRC),
        E("Appeal", "appealed to all parties to the conflict", ["Amhara"], ICRC),
        E("Clash", "to the conflict in Ethiopia's Amhara region", opt=True),
        E("Clash", "cut off by the fighting", opt=True),
        E("Clash", "Fighting between the Ethiopian National Defense Force (ENDF) and Fano militias",
          ["Gondar", "Debre Markos"], ["Ethiopian National Defense Force", "ENDF", "Fano"]),
        E("Bombardment", "a drone strike hit a minibus on the outskirts of the city", ["Bahir Dar"]),
        E("Killing", "killing 11 passengers", ["Bahir Dar"], count=11),
        E("Bombardment", "has not commented on the strike", opt=True),
        E("Killing", "government soldiers had killed at least 45 civilians in extrajudicial executions", ["Merawi"], count=45),
        E("Killing", "in extrajudicial executions in the town of Merawi", opt=True),
        E("Abduction", "Fano fighters kidnapped a local official and two teachers", ["North Wollo"], ["Fano"]),
    ],
    claims=[
        C(["Nicolas Heer"], "say", None, "Hundreds of wounded people are in urgent need of care"),
        C(ICRC, "according to", None, "Fighting between the Ethiopian National Defense Force"),
        C(["Residents of Bahir Dar"], "tell", 11, "a drone strike hit a minibus", opt=True),
        C(["Ethiopian Human Rights Commission", "EHRC"], "say", 45, "government soldiers had killed at least 45 civilians", "Denied"),
        C(["Ethiopian government"], "reject", None, "the findings", opt=True),
        C(["regional administration"], "say", None, "Fano fighters kidnapped a local official", opt=True),
        C(ICRC, "say", None, "it had managed to deliver medical supplies"),
    ])

ISIS = ["Islamic State"]
GOLD["mozambique_claim_denial.txt"] = dict(
    entities=[P("Mozambique"), N("Islamic State"), P("Cabo Delgado", ["Cabo Delgado province"]), N("Amaq", ["Amaq news agency"]),
              P("Macomia", ["Macomia district"]), A("Cristovao Chume"), P("Maputo", ["MAPUTO"]), N("Cabo Ligado"),
              P("Rwanda", ["Rwandan"]), P("Mocimboa da Praia"), P("Quirimbas", ["Quirimbas island"]), P("Muidumbe"),
              N(IOM[0]), N("defence ministry", opt=True), N("police", opt=True)],
    events=[
        E("Attack", "Islamic State claim of attack on army base in Cabo Delgado", ["Cabo Delgado"], ISIS),
        E("Attack", "in an attack on an army base in Cabo Delgado province", ["Cabo Delgado"], ISIS),
        E("Killing", "its fighters had killed 20 soldiers", ["Cabo Delgado"], ISIS, count=20),
        E("Attack", "its militants had stormed the base in Macomia district", ["Macomia"], ISIS),
        E("Looting", "seized weapons and ammunition", opt=True),
        E("Killing", "only two soldiers had died", count=2),
        E("Attack", "the attackers were repelled", opt=True),
        E("Killing", "at least nine soldiers were killed", count=9),
        E("Clash", "they had clashed with insurgents near Mocimboa da Praia", ["Mocimboa da Praia"], ["Rwanda", "Rwandan"]),
        E("Killing", "killed 13 of them", ["Mocimboa da Praia"], ["Rwanda", "Rwandan"], count=13),
        E("Killing", "Insurgents also beheaded two fishermen on Quirimbas island", ["Quirimbas"], count=2),
        E("Displacement", "has displaced about 15,000 people in Macomia and Muidumbe districts", ["Macomia", "Muidumbe"], count=15000),
    ],
    claims=[
        C(["defence ministry", "Mozambique"], "deny", None, "a claim by Islamic State", opt=True),
        C(ISIS, "claim", 20, "its fighters had killed 20 soldiers", "Denied", opt=True),
        C(ISIS, "say", None, "its militants had stormed the base", "Denied"),
        C(["Cristovao Chume"], "say", 2, "only two soldiers had died", "Disputed"),
        C(["Cristovao Chume"], "tell", None, "The information spread by the terrorists is false"),
        C(["Local sources"], "tell", 9, "at least nine soldiers were killed", "Disputed", opt=True),
        C(["Rwanda", "Rwandan"], "confirm", 13, "they had clashed with insurgents"),
        C(["police"], "say", 2, "beheaded two fishermen", opt=True),
        C(IOM[:1], "say", 15000, "has displaced about 15,000 people"),
    ])

if __name__ == "__main__":
    write(HERE, GOLD)
    print(len(GOLD), "gold files")
