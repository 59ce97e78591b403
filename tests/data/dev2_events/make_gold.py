"""Writes the hand-made gold of tests/data/dev2_events (annotated before looking at system output)."""
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

SOHR = ["Syrian Observatory for Human Rights", "British-based monitor"]
GOLD["fakes_reuters_idlib.txt"] = dict(
    entities=[P("Idlib", ["Idlib province"]), P("Maarat al-Numan"), N("Syrian Observatory for Human Rights", ["SOHR"]),
              N("Syrian National Coalition"), P("Russia", ["Russian"]), N("Russian Defence Ministry"),
              N("Reuters"), P("Hama"), N("SANA"), N("United Nations"), P("Turkey", ["Turkish"], opt=True),
              P("Beirut", ["BEIRUT"], opt=True), N("rebel fighters", opt=True)],
    events=[
        E("Killing", "Air strikes kill 23 in rebel-held Idlib town", ["Idlib"], count=23),
        E("Bombardment", "Air strikes kill 23 in rebel-held Idlib town", ["Idlib"], opt=True),
        E("Killing", "killed at least 23 people including six children", ["Maarat al-Numan", "Idlib"], count=23),
        E("Bombardment", "Air strikes killed at least 23 people", ["Maarat al-Numan", "Idlib"]),
        E("Bombardment", "the strikes hit a crowded market", ["Maarat al-Numan", "Idlib"], opt=True),
        E("Attack", "Russian jets of carrying out the raids", agent=["Russia", "Russian"]),
        E("Bombardment", "rebel fighters shelled government-held areas of Hama", ["Hama"], ["rebel fighters"]),
        E("Killing", "shelled government-held areas of Hama killing two civilians", ["Hama"], ["rebel fighters"], count=2),
        E("Displacement", "Thousands of families have fled Maarat al-Numan", ["Maarat al-Numan"]),
    ],
    claims=[
        C(SOHR, "say", 23, "Air strikes killed at least 23 people", "Unverified"),
        C(SOHR, "say", None, "the strikes hit a crowded market", "Asserted"),
        C(["Syrian National Coalition"], "accuse", None, "Russian jets of carrying out the raids", "Denied"),
        C(["Russian Defence Ministry"], "deny", None, "the accusation", "Asserted"),
        C(["Russian Defence Ministry"], "say", None, "its warplanes had not bombed civilian areas", "Asserted"),
        C(["SANA"], "say", 2, "rebel fighters shelled government-held areas of Hama", "Asserted"),
        C(["United Nations"], "say", None, "Thousands of families have fled Maarat al-Numan", "Asserted"),
    ])

NSCN = ["National Socialist Council of Nagaland-Khaplang", "NSCN-K"]
SF = ["Security Forces", "SFs"]
GOLD["satp_northeast_ambush.txt"] = dict(
    entities=[N(NSCN[0], NSCN[1:]), N("Assam Rifles"), P("Pangsha", ["Pangsha village"]), P("Tirap District", ["Tirap"]),
              P("Arunachal Pradesh"), N("The Hindu", ["Hindu"]), N("Security Forces", ["SFs"], opt=True),
              A("Ramesh Oraon"), P("Latehar District", ["Latehar"]), P("Jharkhand"), N("Police", opt=True),
              N("United Liberation Front of Asom-Independent", ["ULFA-I"]), N("Army", opt=True),
              P("Tinsukia District", ["Tinsukia"]), N("The Assam Tribune", ["Assam Tribune"]),
              N("Naga Students Federation", ["NSF"]), P("Kohima"), N("Nagaland Police"), N("Maoist", ["Maoists"], opt=True)],
    events=[
        E("Attack", "militants ambushed a patrol of the Assam Rifles", ["Pangsha", "Tirap District", "Arunachal Pradesh"],
          NSCN, ["Assam Rifles"]),
        E("Attack", "militants ambushed a patrol of the Assam Rifles", ["Pangsha", "Tirap District", "Arunachal Pradesh"],
          NSCN, ["Assam Rifles"], opt=True),
        E("Killing", "killing two troopers and injuring four others, reports", ["Pangsha", "Tirap District", "Arunachal Pradesh"],
          NSCN, count=2),
        E("Killing", "killing two troopers", opt=True),
        E("Attack", "into the forest after the ambush", opt=True),
        E("Killing", "Ramesh Oraon was killed in an encounter with SFs", ["Latehar District", "Jharkhand"], SF, ["Ramesh Oraon"]),
        E("Clash", "killed in an encounter with SFs", ["Latehar District", "Jharkhand"]),
        E("Protest", "called a 12-hour bandh in Kohima", ["Kohima"], ["Naga Students Federation", "NSF"]),
        E("Protest", "to protest the arrest", ["Kohima"], opt=True),
        E("Arrest", "the arrest of two of its leaders by Nagaland Police", agent=["Nagaland Police"], count=2),
    ],
    claims=[
        C(["The Hindu"], "report", 2, "militants ambushed a patrol of the Assam Rifles"),
        C(["Police"], "say", None, "an AK-47 rifle and three magazines were recovered", opt=True),
        C(["The Assam Tribune"], "according to", 5, "five United Liberation Front of Asom-Independent"),
    ])

CJNG = ["Jalisco Cartel New Generation", "CJNG", "Cartel de Jalisco Nueva Generación"]
GOLD["insightcrime_michoacan.txt"] = dict(
    entities=[P("Mexico", ["Mexicos"]), P("Michoacán", ["Michoacan"]), N(CJNG[0], CJNG[1:]), N("Carteles Unidos"),
              P("Aguililla"), P("El Aguaje"), N("Michoacán Attorney General's Office", ["FGE", "Fiscalía General del Estado"]),
              N("El Universal"), N("Defense Ministry", ["SEDENA", "Secretaría de la Defensa Nacional"]), P("Apatzingán", ["Apatzingan"]),
              A("Alfredo Ramírez Bedolla", ["Ramírez Bedolla"]), N("InSight Crime", opt=True), N("federal government", opt=True)],
    events=[
        E("Displacement", "Cartel Violence Displaces Hundreds in Mexicos Michoacan", ["Michoacán", "Mexico"], opt=True),
        E("Clash", "Fighting between the Jalisco Cartel New Generation", ["Aguililla", "Michoacán"], ["CJNG", "Carteles Unidos"]),
        E("Displacement", "more than 600 residents to flee their homes", ["Aguililla", "Michoacán"], count=600),
        E("Attack", "set fire to at least 15 houses and a church", ["El Aguaje"], CJNG),
        E("Looting", "The attackers also looted shops", ["El Aguaje"], CJNG),
        E("Bombardment", "explosive-laden drones to bomb positions", [], CJNG),
        E("Arrest", "soldiers arrested eight suspected cartel members", ["Apatzingán"], count=8),
        E("Attack", "in a raid on a safe house in Apatzingán", ["Apatzingán"], opt=True),
        E("Abduction", "rescued three kidnapped farmers", opt=True),
        E("Rescue", "rescued three kidnapped farmers", ["Apatzingán"], count=3),
        E("Attack", "responsibility for the attacks", opt=True),
        E("Appeal", "called on the federal government to send more troops", [], ["Alfredo Ramírez Bedolla"]),
        E("Displacement", "The displacement in Aguililla", ["Aguililla"], opt=True),
        E("Clash", "the war between the CJNG and its rivals", opt=True),
        E("Abduction", "that extort, kidnap and kill", opt=True),
        E("Killing", "that extort, kidnap and kill", opt=True),
    ],
    claims=[
        C(["Michoacán Attorney General's Office", "FGE"], "say", 15, "set fire to at least 15 houses"),
        C(["El Universal"], "report", None, "the CJNG had used explosive-laden drones to bomb positions"),
        C(["Defense Ministry", "SEDENA"], "say", 8, "soldiers arrested eight suspected cartel members"),
    ])

RSF = ["Rapid Support Forces", "RSF"]
GOLD["sudan_elfasher.txt"] = dict(
    entities=[P("Sudan", ["Sudanese"]), P("El Fasher"), P("North Darfur"), N("Darfur Bar Association"), N("Sudanese army", ["army"]),
              N(RSF[0], RSF[1:]), N("Reuters"), A("Abdel Fattah al-Burhan", ["Burhan"]),
              N("International Organization for Migration", ["IOM"]), N("United Nations"), P("Khartoum", ["KHARTOUM"], opt=True),
              N("local activist group", opt=True)],
    events=[
        E("Appeal", "Sudan army chief calls for probe", opt=True),
        E("Attack", "probe into El Fasher market attack", ["El Fasher"], opt=True),
        E("Killing", "At least 40 people were killed when shells hit", ["El Fasher", "North Darfur"], count=40),
        E("Bombardment", "shells hit a crowded market in El Fasher", ["El Fasher", "North Darfur"]),
        E("Bombardment", "of shelling the market", ["El Fasher"], RSF),
        E("Killing", "more than 60 people had died", ["El Fasher"], count=60),
        E("Appeal", "called for an investigation", [], ["Abdel Fattah al-Burhan", "Burhan"]),
        E("Clash", "The war, which erupted in April 2023", opt=True),
        E("Displacement", "has displaced more than 10 million people", count=10000000),
    ],
    claims=[
        C(["Darfur Bar Association"], "say", 40, "At least 40 people were killed", "Unverified"),
        C(["Sudanese army", "army"], "accuse", None, "of shelling the market", "Denied"),
        C(RSF, "deny", None, "the accusation", "Asserted"),
        C(RSF, "say", None, "its fighters had not targeted civilians", "Asserted"),
        C(["local activist group"], "say", 60, "more than 60 people had died", "Unverified", opt=True),
        C(["International Organization for Migration", "IOM"], "according to", 10000000, "has displaced more than 10 million people"),
        C(["United Nations"], "warn", None, "the RSF could launch a full assault", "Asserted"),
    ])

LET = ["Lashkar-e-Taiba", "LeT"]
GOLD["satp_kulgam_encounter.txt"] = dict(
    entities=[N(LET[0], LET[1:]), N("Security Forces", ["SFs"], opt=True), P("Kulgam District", ["Kulgam"]),
              P("Jammu and Kashmir", ["J&K"]), N("Rashtriya Rifles", ["9 Rashtriya Rifles"]), N("Central Reserve Police Force", ["CRPF"]),
              N("J&K Police"), P("Redwani Payeen", ["Redwani Payeen village"]), A("Abu Hamza"), A("Shakir Ahmad"),
              A("Vijay Kumar"), N("Hizb-ul-Mujahideen", ["HM"]), P("Kashmir Valley", ["Valley"]), N("The Kashmir Monitor", ["Kashmir Monitor"]),
              N("Army", opt=True), N("Police", opt=True)],
    events=[
        E("Killing", "two Lashkar-e-Taiba (LeT) terrorists were killed in an encounter",
          ["Kulgam District", "Jammu and Kashmir"], SF, LET, 2),
        E("Killing", "two Lashkar-e-Taiba (LeT) terrorists were killed in an encounter", opt=True),
        E("Clash", "killed in an encounter with Security Forces (SFs) in Kulgam", ["Kulgam District", "Jammu and Kashmir"]),
        E("Clash", "killed in an encounter with Security Forces (SFs) in Kulgam", opt=True),
        E("Attack", "the hiding terrorists opened fire", ["Redwani Payeen"]),
        E("Clash", "triggering a gunfight", ["Redwani Payeen"]),
        E("Killing", "identified as Abu Hamza and Shakir Ahmad, were killed", ["Redwani Payeen"], [], ["Abu Hamza", "Shakir Ahmad"], 2),
        E("Clash", "injured in the exchange of fire", ["Redwani Payeen"], opt=True),
        E("Killing", "the killing of a village head in August"),
        E("Threat", "threatened to attack non-local labourers", ["Kashmir Valley"], ["Hizb-ul-Mujahideen", "HM"]),
    ],
    claims=[
        C(["Vijay Kumar"], "say", None, "the slain terrorists were involved in the killing"),
        C(["The Kashmir Monitor"], "report", None, "threatened to attack non-local labourers"),
        C(["Police", "J&K Police"], "say", None, "no attack had taken place", opt=True),
    ])

ELN = ["National Liberation Army", "ELN", "Ejército de Liberación Nacional"]
FARC = ["Revolutionary Armed Forces of Colombia", "FARC", "FARC dissidents", "dissidents"]
GOLD["insightcrime_arauca.txt"] = dict(
    entities=[P("Colombia"), N(ELN[0], ELN[1:]), P("Arauca", ["Arauca department"]), P("Saravena"), N("National Police"),
              N(FARC[0], FARC[1:2]), A("Jhon Jairo Torres"), P("Tame"), N("El Tiempo"), A("Iván Velásquez", ["Ivan Velasquez"]),
              N("Ombudsman's Office", ["Ombudsman"]), N("local human rights groups", opt=True), N("Authorities", opt=True)],
    events=[
        E("Killing", "ELN Bombing Kills Two Police Officers in Arauca", ["Arauca"], ELN, count=2),
        E("Attack", "ELN Bombing Kills Two Police Officers in Arauca", ["Arauca"], ELN),
        E("Killing", "ELN Bombing Kills Two Police Officers in Arauca", opt=True),
        E("Attack", "ELN Bombing Kills Two Police Officers in Arauca", opt=True),
        E("Attack", "A car bomb exploded outside a police station", ["Saravena", "Arauca"]),
        E("Killing", "killing two police officers and wounding seven civilians", ["Saravena", "Arauca"], count=2),
        E("Attack", "for the attack, but the guerrilla group", ["Saravena", "Arauca"], ELN),
        E("Attack", "The bombing came a day after", opt=True),
        E("Abduction", "kidnapped a local councilman, Jhon Jairo Torres", ["Tame"], FARC, ["Jhon Jairo Torres"]),
        E("Attack", "groups that attack civilians", opt=True),
        E("Displacement", "3,000 people have been displaced in Arauca", ["Arauca"], count=3000),
        E("Clash", "by fighting between the ELN and FARC dissidents", ["Arauca"], ["ELN", "FARC"]),
    ],
    claims=[
        C(["National Police"], "according to", 2, "killing two police officers"),
        C(["Authorities"], "blame", None, "the National Liberation Army", opt=True),
        C(["El Tiempo"], "report", None, "kidnapped a local councilman"),
        C(["Iván Velásquez"], "say", None, "the government would not negotiate"),
        C(["Iván Velásquez"], "announce", 500, "the deployment of 500 additional soldiers"),
        C(["Ombudsman's Office"], "say", 3000, "3,000 people have been displaced in Arauca", "Disputed"),
        C(["local human rights groups"], "put", 5000, "the figure at more than 5,000", "Disputed", opt=True),
    ])

GOLD["fakes_sana_daraa.txt"] = dict(
    entities=[P("Daraa", ["Daraa city", "Daraa countryside"]), N("SANA"), N("Jabhat al-Nusra"), P("Busra al-Harir"),
              P("Saudi Arabia", ["Saudi"], opt=True), N("Daraa Police Command"), P("Homs"), P("al-Dar al-Kabira"), P("al-Qaryatain"),
              N("Syrian Arab Red Crescent"), P("Moadamiyet al-Sham"), P("Damascus", opt=True)],
    events=[
        E("Attack", "Army units destroy terrorist positions", opt=True),
        E("Attack", "destroyed positions and fortifications of Jabhat al-Nusra", opt=True),
        E("Killing", "killing scores of terrorists", ["Daraa"]),
        E("Attack", "an army unit targeted a gathering of terrorists", opt=True),
        E("Killing", "killed 14 of them including a Saudi leader", ["Busra al-Harir"], count=14),
        E("Bombardment", "Terrorists fired mortar shells on residential neighborhoods", ["Daraa"]),
        E("Killing", "claiming the lives of three civilians", ["Daraa"], count=3),
        E("Rescue", "evacuated 120 wounded civilians", ["Moadamiyet al-Sham"], ["Syrian Arab Red Crescent"], count=120),
    ],
    claims=[
        C(["military source", "SANA"], "tell", 14, "an army unit targeted a gathering of terrorists", opt=True),
        C(["Daraa Police Command"], "say", 3, "Terrorists fired mortar shells on residential neighborhoods"),
    ])

GOLD["nigeria_kaduna_kidnap.txt"] = dict(
    entities=[P("Nigeria"), P("Kaduna", ["Kaduna state"]), N("AFP"), A("Mohammed Jalige"),
              N("Federal College of Forestry Mechanization"), P("Afaka"), P("Zamfara", ["Zamfara state"]), P("Jangebe"),
              N("Boko Haram"), P("Maiduguri"), P("Borno", ["Borno state"]), A("Babakura Kolo"),
              N("Kaduna state police", ["police"], opt=True), N("army", opt=True), N("bandits", opt=True)],
    events=[
        E("Abduction", "Gunmen kidnap dozens of students in northwest Nigeria", ["Nigeria"]),
        E("Abduction", "Gunmen abducted at least 39 students", ["Kaduna", "Afaka", "Nigeria"], count=39),
        E("Abduction", "mass kidnappings blamed on armed gangs", opt=True),
        E("Attack", "the attackers stormed the Federal College", ["Afaka", "Kaduna"]),
        E("Clash", "exchanged fire with soldiers", ["Afaka", "Kaduna"]),
        E("Rescue", "Troops rescued 180 students and staff", ["Afaka", "Kaduna"], count=180),
        E("Abduction", "279 schoolgirls seized from a boarding school in Jangebe", ["Jangebe", "Zamfara"], count=279),
        E("Killing", "Boko Haram jihadists killed eight farmers near Maiduguri", ["Maiduguri", "Borno"], ["Boko Haram"], count=8),
    ],
    claims=[
        C(["Kaduna state police", "police"], "say", 39, "Gunmen abducted at least 39 students", opt=True),
        C(["Mohammed Jalige"], "say", None, "the attackers stormed the Federal College"),
        C(["army"], "say", 180, "Troops rescued 180 students", opt=True),
        C(["AFP"], "tell", None, "the kidnappers had demanded a ransom", opt=True),
        C(["governor"], "say", None, "no ransom had been paid", opt=True),
        C(["Babakura Kolo"], "tell", 8, "Boko Haram jihadists killed eight farmers", "Disputed"),
        C(["residents"], "say", 12, "the toll was at least 12", "Disputed", opt=True),
    ])

GOLD["ukraine_kharkiv.txt"] = dict(
    entities=[P("Russia", ["Russian", "Moscow"]), P("Kharkiv"), P("Ukraine"), A("Oleh Syniehubov"), N("Ukrainian Air Force", ["Ukraine's air force", "air force"]),
              N("Russian Defence Ministry", ["Russia's Defence Ministry", "Defence Ministry"]), P("Zaporizhzhia", ["Zaporizhzhia region"]),
              P("Mala Tokmachka"), N("Security Service of Ukraine", ["SBU", "SBU security service"]), P("Odesa"), P("Istanbul"),
              P("Kyiv", ["KYIV"], opt=True), N("regional administration", opt=True)],
    events=[
        E("Killing", "Russian missile strike on Kharkiv kills 7", ["Kharkiv"], ["Russia", "Russian"], count=7),
        E("Bombardment", "Russian missile strike on Kharkiv kills 7", ["Kharkiv"], ["Russia", "Russian"]),
        E("Bombardment", "A Russian missile strike on an apartment building in Kharkiv", ["Kharkiv"], ["Russia", "Russian"]),
        E("Killing", "in Kharkiv killed seven people, including a child", ["Kharkiv"], ["Russia", "Russian"], count=7),
        E("Attack", "Russia had launched 14 drones", opt=True),
        E("Bombardment", "its forces had struck military targets", opt=True),
        E("Bombardment", "Russian shelling killed two men", ["Mala Tokmachka", "Zaporizhzhia"], ["Russia", "Russian"]),
        E("Killing", "Russian shelling killed two men", ["Mala Tokmachka", "Zaporizhzhia"], ["Russia", "Russian"], count=2),
        E("Arrest", "it had detained a man suspected of spying", ["Odesa"], ["SBU", "Security Service of Ukraine"]),
        E("Agreement", "agreed in Istanbul last year to a limited exchange of prisoners", ["Istanbul"], ["Russia", "Ukraine"]),
    ],
    claims=[
        C(["Oleh Syniehubov"], "say", 7, "A Russian missile strike on an apartment building in Kharkiv", "Denied"),
        C(["Ukrainian Air Force", "Ukraine's air force"], "say", 14, "Russia had launched 14 drones"),
        C(["Russian Defence Ministry"], "say", None, "its forces had struck military targets"),
        C(["Russian Defence Ministry"], "deny", None, "hitting residential areas"),
        C(["regional administration"], "say", 2, "Russian shelling killed two men", opt=True),
        C(["Security Service of Ukraine", "SBU"], "say", None, "it had detained a man suspected of spying"),
    ])

GOLD["myanmar_sahel.txt"] = dict(
    entities=[P("Myanmar"), P("Sagaing", ["Sagaing region"]), N("National Unity Government"), P("Pazigyi", ["Pazigyi village"]),
              N("People's Defence Force", ["PDF"]), A("Zaw Min Tun"), P("Mali", ["Malian"]), N("Group to Support Islam and Muslims", ["JNIM"]),
              P("Boni"), P("Burkina Faso"), P("Ouagadougou"), P("France", ["French"], opt=True), N("AP", opt=True),
              P("Bangkok", ["BANGKOK"], opt=True), N("Malian army", ["army"], opt=True), N("ruling military council", opt=True)],
    events=[
        E("Bombardment", "Junta air strike on Myanmar village kills dozens", ["Myanmar"]),
        E("Killing", "Junta air strike on Myanmar village kills dozens", ["Myanmar"]),
        E("Bombardment", "A military air strike on a village in Myanmar", ["Sagaing", "Myanmar"]),
        E("Killing", "killed at least 53 people, including women and children", ["Sagaing", "Myanmar"], count=53),
        E("Attack", "The attack on Pazigyi village", ["Pazigyi"]),
        E("Attack", "stepped up its offensive against the People's Defence Force", opt=True),
        E("Bombardment", "the strike had targeted PDF fighters", opt=True),
        E("Attack", "ambushed a convoy near Boni", ["Boni", "Mali"], ["Group to Support Islam and Muslims", "JNIM"]),
        E("Killing", "ambushed a convoy near Boni, killing 11 soldiers", ["Boni", "Mali"], ["Group to Support Islam and Muslims", "JNIM"], count=11),
        E("Protest", "thousands of people marched in Ouagadougou", ["Ouagadougou", "Burkina Faso"]),
        E("Protest", "to protest against the presence of French troops", ["Ouagadougou", "Burkina Faso"], opt=True),
    ],
    claims=[
        C(["National Unity Government"], "say", 53, "killed at least 53 people", "Unverified"),
        C(["Zaw Min Tun"], "say", None, "the strike had targeted PDF fighters", "Asserted"),
        C(["Malian army", "army"], "say", 11, "killing 11 soldiers", opt=True),
    ])

BLA = ["Balochistan Liberation Army", "BLA"]
GOLD["satp_pakistan_ied.txt"] = dict(
    entities=[N("Frontier Corps", ["FC"]), P("Mastung District", ["Mastung"]), P("Balochistan"), N("Dawn"), N(BLA[0], BLA[1:]),
              P("Bajaur District", ["Bajaur"]), P("Khyber Pakhtunkhwa", ["KP"]), N("Counter Terrorism Department", ["CTD"]),
              N("Tehreek-e-Taliban Pakistan", ["TTP"]), P("Peshawar"), N("Police", opt=True)],
    events=[
        E("Killing", "were killed and 17 others injured when an improvised explosive device",
          ["Mastung District", "Balochistan"], target=["Frontier Corps", "FC"], count=11),
        E("Killing", "were killed and 17 others injured when an improvised explosive device", opt=True),
        E("Attack", "improvised explosive device (IED) went off near a FC vehicle", ["Mastung District", "Balochistan"]),
        E("Attack", "improvised explosive device (IED) went off near a FC vehicle", opt=True),
        E("Attack", "claimed responsibility for the blast", ["Mastung District", "Balochistan"], BLA),
        E("Killing", "unidentified assailants shot dead a polio worker", ["Bajaur District", "Khyber Pakhtunkhwa"]),
        E("Arrest", "arrested three suspected Tehreek-e-Taliban Pakistan (TTP) militants",
          ["Peshawar"], ["Counter Terrorism Department", "CTD"], ["Tehreek-e-Taliban Pakistan", "TTP"], 3),
    ],
    claims=[
        C(["Dawn"], "report", 11, "at least 11 people"),
        C(BLA, "claim", None, "responsibility for the blast"),
        C(["Police"], "say", None, "the toll could rise", opt=True),
    ])

if __name__ == "__main__":
    write(HERE, GOLD)
    print(len(GOLD), "gold files")
