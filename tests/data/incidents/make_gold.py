"""The incidents gold set: invented reports of invented events in real places, as different
outlets would write them, each annotated with the incident it reports.

Run `python tests/data/incidents/make_gold.py` to write articles.jsonl (one article a line:
text, title, url, date, source) and gold.json (incidents, and for each article its incident and
any sentence about another event). Annotated when written, before any system output was seen.

Look-alikes that are not the same event are here on purpose: the same town a week later
(I02/I01, I05/I04, I08/I07, I14/I13, I20/I19, I23/I22) and the same day in another city
(I03/I01, I06/I04, I11/I10, I15/I13, I24/I22, I26/I25, I29/I28, I35/I07).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
BG = "background"  # a sentence about an event that is not one of the gold incidents

INCIDENTS = {
    "I01": ("Airstrike", "Ariha, Idlib, Syria", "2024-03-11", "air strike on the market"),
    "I02": ("Airstrike", "Ariha, Idlib, Syria", "2024-03-18", "strike on a house, a week later"),
    "I03": ("Shelling", "Maarat al-Numan, Idlib, Syria", "2024-03-11", "same day, another town"),
    "I04": ("Bombardment", "Mosul, Iraq", "2023-06-05", "car bomb near a restaurant"),
    "I05": ("Attack", "Mosul, Iraq", "2023-06-12", "checkpoint attack, a week later"),
    "I06": ("Bombardment", "Kirkuk, Iraq", "2023-06-05", "car bomb, same day, another city"),
    "I07": ("Abduction", "near Maiduguri, Borno, Nigeria", "2024-01-20", "farmers abducted"),
    "I08": ("Abduction", "near Maiduguri, Borno, Nigeria", "2024-01-27", "women, a week later"),
    "I09": ("Protest", "Aden, Yemen", "2023-09-02", "power cuts protest"),
    "I10": ("Clash", "Khartoum, Sudan", "2023-04-15", "army and RSF fight in the capital"),
    "I11": ("Clash", "Nyala, South Darfur, Sudan", "2023-04-15", "same day, another city"),
    "I12": ("Shelling", "El Fasher, North Darfur, Sudan", "2024-05-10", "RSF shelling"),
    "I13": ("Airstrike", "Kharkiv, Ukraine", "2024-05-25", "bomb on a hardware store"),
    "I14": ("Bombardment", "Kharkiv, Ukraine", "2024-06-01", "missile on flats, a week later"),
    "I15": ("Bombardment", "Odesa, Ukraine", "2024-05-25", "port strike, same day, another city"),
    "I16": ("Attack", "Mogadishu, Somalia", "2024-03-14", "hotel siege"),
    "I17": ("Displacement", "Sake and Goma, North Kivu, DR Congo", "2024-02-07", "flight from Sake"),
    "I18": ("Arrest", "Bamako, Mali", "2024-06-20", "opposition politicians detained"),
    "I19": ("Bombardment", "Kabul, Afghanistan", "2022-09-30", "bombing of an education centre"),
    "I20": ("Bombardment", "Kabul, Afghanistan", "2022-10-07", "mosque bomb, a week later"),
    "I21": ("Clash", "Deir ez-Zor, Syria", "2023-08-29", "SDF and tribal fighters"),
    "I22": ("Killing", "Daraa, Syria", "2024-02-03", "councillor shot dead"),
    "I23": ("Killing", "Daraa, Syria", "2024-02-10", "two men shot, a week later"),
    "I24": ("Bombardment", "Homs, Syria", "2024-02-03", "bus bomb, same day, another city"),
    "I25": ("Airstrike", "Sanaa, Yemen", "2024-01-12", "US and British strikes near the airport"),
    "I26": ("Airstrike", "Hodeidah, Yemen", "2024-01-12", "same day, another city"),
    "I27": ("Attack", "Gao, Mali", "2024-04-09", "attack on an army camp"),
    "I28": ("Protest", "Lagos, Nigeria", "2024-08-01", "cost of living protest"),
    "I29": ("Protest", "Abuja, Nigeria", "2024-08-01", "same day, another city"),
    "I30": ("Airstrike", "Port Sudan, Sudan", "2025-05-04", "drone strike on an air base"),
    "I31": ("Clash", "Tripoli, Libya", "2023-08-15", "fighting between armed factions"),
    "I32": ("Shelling", "Zaporizhzhia, Ukraine", "2024-04-15", "shelling of the city"),
    "I33": ("Protest", "Beirut, Lebanon", "2024-05-08", "depositors protest (one report)"),
    "I34": ("Arrest", "Baghdad, Iraq", "2024-03-03", "raids (one report)"),
    "I35": ("Bombardment", "Konduga, Borno, Nigeria", "2024-01-20", "same day as I07, another town"),
}

# (incident, outlet, date, title, text, {sentence start: incident or BG})
ARTICLES = [
    ("I01", "AFP", "2024-03-11", "Russian strikes kill 28 at Syrian market",
     ("ARIHA, Syria (AFP) - Russian air strikes on a crowded vegetable market in the town of Ariha "
     "in northwest Syria's Idlib province killed at least 28 civilians on Monday, a war monitor "
     "said. The Syrian Observatory for Human Rights said four children were among the dead and "
     "dozens more were wounded. Rescue workers pulled bodies from the rubble of collapsed stalls "
     "late into the evening."), {}),
    ("I01", "Reuters", "2024-03-12", "Air strike on Idlib market kills 31, rescuers say",
     ("BEIRUT (Reuters) - Warplanes struck a busy market in the rebel-held town of Ariha on Monday, "
     "killing 31 people, the White Helmets civil defence group said. The group said rescuers were "
     "still searching for survivors under the debris. Moscow did not immediately comment."), {}),
    ("I01", "Al Jazeera", "2024-03-12", "Areeha market toll rises to 39",
     ("The death toll from Monday's air raid on the market of Areeha, in Syria's northwestern Idlib "
     "governorate, has risen to 39, the local health directorate said on Tuesday. Doctors at Idlib "
     "hospitals said many of the wounded were in critical condition. Residents blamed Russian and "
     "Syrian government aircraft for the attack."), {}),
    ("I01", "Idlib Post", "2024-03-11", "Massacre in Ariha market",
     ("Dozens of people were killed and wounded when an air strike hit the popular market in Ariha, "
     "south of Idlib city, at midday on Monday, local sources said. Civil defence teams said the "
     "strike destroyed more than twenty shops."), {}),
    ("I02", "AFP", "2024-03-18", "Strike kills family of six near Syria's Ariha",
     ("ARIHA, Syria (AFP) - An air strike hit a house on the outskirts of Ariha on Monday, killing "
     "six members of one family, the Syrian Observatory for Human Rights said. Last week, air "
     "strikes on the town's market killed at least 28 people."),
     {"Last week, air strikes": "I01"}),
    ("I02", "Syria TV", "2024-03-19", "Seven civilians killed in Ariha",
     ("Seven civilians, among them three children, were killed on Monday when a warplane bombed a "
     "home on the edge of Ariha in the Idlib countryside, the civil defence said on Tuesday."), {}),
    ("I03", "Anadolu", "2024-03-11", "Regime shelling kills 4 in Idlib",
     ("Government artillery shelled the town of Maarat al-Numan in southern Idlib on Monday, "
     "killing four civilians, according to local rescuers."), {}),
    ("I03", "Xinhua", "2024-03-12", "5 killed in shelling in Syria's Idlib",
     ("DAMASCUS, March 12 (Xinhua) -- Five people were killed when shells fell on a residential "
     "neighbourhood of Maaret al-Noman in Idlib province on Monday, a monitoring group said."), {}),
    ("I04", "Reuters", "2023-06-05", "Car bomb kills at least 12 in Iraq's Mosul",
     ("MOSUL, Iraq (Reuters) - A car bomb exploded near a busy restaurant in eastern Mosul on Monday "
     "evening, killing at least 12 people and wounding 30, police and hospital sources said. No "
     "group immediately claimed responsibility. Islamic State militants were driven from Mosul "
     "in 2017 after three years of rule."),
     {"Islamic State militants were driven": BG}),
    ("I04", "AP", "2023-06-06", "Mosul car bombing toll rises to 14",
     ("BAGHDAD (AP) — The death toll from a car bombing in the northern Iraqi city of Mosul rose to "
     "14 on Tuesday, officials said. The blast on Monday tore through a crowded street on the "
     "city's eastern side, Nineveh province's health chief said."), {}),
    ("I04", "Rudaw", "2023-06-05", "Explosion in Mosul",
     ("At least ten people died and dozens were injured when an explosives-laden vehicle blew up in "
     "the al-Zuhur district of Mosul on Monday night, a security source told reporters. Iraqi "
     "security forces sealed off the area."), {}),
    ("I05", "Shafaq News", "2023-06-12", "Three soldiers killed in attack west of Mosul",
     ("Gunmen attacked an army checkpoint on the western outskirts of Mosul on Monday, killing three "
     "soldiers, a military statement said. The attackers fled towards the desert."), {}),
    ("I05", "AFP", "2023-06-13", "Jihadists kill three Iraqi soldiers near Mosul",
     ("MOSUL, Iraq (AFP) - Three Iraqi soldiers were killed when suspected Islamic State jihadists "
     "opened fire on their checkpoint near Mosul late on Monday, security officials said on "
     "Tuesday."), {}),
    ("I06", "Reuters", "2023-06-05", "Car bomb kills seven at Kirkuk market",
     ("KIRKUK, Iraq (Reuters) - A car bomb killed seven people at a market in the oil city of "
     "Kirkuk on Monday, police said."), {}),
    ("I06", "Kurdistan24", "2023-06-06", "Eight dead in Kirkuk blast",
     ("Eight people were killed and 19 wounded on Monday in a car bomb attack targeting a market in "
     "the southern part of Kirkuk, the city's health directorate said on Tuesday."), {}),
    ("I07", "Reuters", "2024-01-21", "Boko Haram abducts dozens of farmers in Nigeria",
     ("MAIDUGURI, Nigeria (Reuters) - Boko Haram militants abducted at least 40 farmers working in "
     "fields near Maiduguri, the capital of Borno state, on Saturday, residents and a militia "
     "leader said on Sunday."), {}),
    ("I07", "Premium Times", "2024-01-21", "Insurgents kidnap 35 rice farmers in Borno",
     ("Suspected Boko Haram insurgents on Saturday kidnapped about 35 rice farmers in Jere local "
     "government area of Borno State, a community leader said."), {}),
    ("I07", "AFP", "2024-01-22", "Jihadists seize farmers in northeast Nigeria",
     ("KANO, Nigeria (AFP) - Jihadists seized dozens of farmers in Borno state at the weekend, a "
     "local official said on Monday, in the latest mass abduction in Nigeria's restive northeast. "
     "The farmers were taken from their fields outside Maiduguri on Saturday."), {}),
    ("I08", "Reuters", "2024-01-28", "Gunmen kidnap 12 women near Nigeria's Maiduguri",
     ("MAIDUGURI, Nigeria (Reuters) - Gunmen kidnapped 12 women collecting firewood outside "
     "Maiduguri on Saturday, residents said. A week earlier, Boko Haram fighters abducted dozens "
     "of farmers in the same area."),
     {"A week earlier, Boko Haram": "I07"}),
    ("I08", "Daily Trust", "2024-01-28", "Insurgents abduct 15 women in Borno",
     ("Insurgents have abducted 15 women who went to fetch firewood on the outskirts of Maiduguri, "
     "the Borno State capital, on Saturday, a vigilante leader said."), {}),
    ("I09", "AFP", "2023-09-02", "Yemenis protest power cuts in Aden",
     ("ADEN, Yemen (AFP) - Hundreds of people protested in Aden on Saturday against power cuts and "
     "the collapse of the currency, blocking streets with burning tyres, witnesses said."), {}),
    ("I09", "Xinhua", "2023-09-03", "Thousands protest electricity outages in Yemen's Aden",
     ("ADEN, Yemen, Sept. 3 (Xinhua) -- Thousands of angry residents took to the streets of Yemen's "
     "southern port city of Aden on Saturday to protest against prolonged electricity outages, "
     "local officials said."), {}),
    ("I09", "Al-Ayyam", "2023-09-02", "Anger in Aden streets",
     ("Residents of the Crater and Mualla districts of Aden demonstrated on Saturday evening over "
     "the power cuts that leave homes without electricity for up to twelve hours a day."), {}),
    ("I10", "Reuters", "2023-04-15", "Fighting erupts in Sudan's capital",
     ("KHARTOUM (Reuters) - Heavy fighting broke out in Khartoum on Saturday between Sudan's army "
     "and the paramilitary Rapid Support Forces, with gunfire and explosions heard near the "
     "presidential palace and the airport, witnesses said. A doctors' union said at least 25 "
     "people had been killed."), {}),
    ("I10", "AP", "2023-04-16", "Sudan clashes kill at least 56 civilians",
     ("CAIRO (AP) — Clashes between Sudan's military and the powerful paramilitary Rapid Support "
     "Forces in Khartoum killed at least 56 civilians on Saturday, the Sudan Doctors' Committee "
     "said on Sunday."), {}),
    ("I10", "Sudan Tribune", "2023-04-15", "Battles in Khartoum",
     ("Fierce battles erupted on Saturday morning in Khartoum between the Sudanese Armed Forces and "
     "the RSF, as each side accused the other of starting the fighting."), {}),
    ("I11", "AFP", "2023-04-16", "Fighting spreads to Nyala",
     ("NYALA, Sudan (AFP) - Fighting between the army and the RSF spread to Nyala in South Darfur "
     "on Saturday, where at least eight civilians were killed, a local medical source said."), {}),
    ("I11", "Radio Dabanga", "2023-04-16", "Nine killed in Nyala fighting",
     ("Residents of Nyala said shelling and gunfire killed nine people in the city's markets on "
     "Saturday as the Rapid Support Forces fought army units."), {}),
    ("I12", "Reuters", "2024-05-11", "RSF shelling kills 15 in El Fasher",
     ("DUBAI (Reuters) - At least 15 people were killed on Friday when the Rapid Support Forces "
     "shelled residential areas of El Fasher, the capital of North Darfur, medical sources said."),
     {}),
    ("I12", "AP", "2024-05-11", "Shelling kills 17 in besieged Sudanese city",
     ("NAIROBI, Kenya (AP) — Shelling by Sudan's paramilitary Rapid Support Forces killed 17 people "
     "in the besieged city of al-Fashir on Friday, according to Doctors Without Borders."), {}),
    ("I12", "Sudan Tribune", "2024-05-10", "Twenty civilians killed in El Fasher",
     ("Twenty civilians were killed and dozens were injured as RSF artillery pounded neighbourhoods "
     "of El Fasher on Friday, the North Darfur health ministry said."), {}),
    ("I13", "Reuters", "2024-05-25", "Russian bomb kills 12 at Kharkiv hardware store",
     ("KYIV (Reuters) - A Russian guided bomb attack on a large hardware store in Kharkiv killed at "
     "least 12 people on Saturday, Ukrainian officials said, with dozens more missing. Russia "
     "launched its full-scale invasion of Ukraine in February 2022."),
     {"Russia launched its full-scale": BG}),
    ("I13", "Kyiv Independent", "2024-05-26", "Kharkiv hypermarket strike toll rises to 16",
     ("The death toll from Russia's strike on the Epicentr hypermarket in Kharkiv on May 25 has "
     "risen to 16, Governor Oleh Syniehubov said on Sunday."), {}),
    ("I13", "AP", "2024-05-25", "Russian bombs hit Kharkiv store",
     ("KHARKIV, Ukraine (AP) — Russian bombs struck a crowded home improvement store in Kharkiv on "
     "Saturday, killing 14 people, the regional governor said."), {}),
    ("I14", "Reuters", "2024-06-01", "Missile hits Kharkiv apartment block",
     ("KYIV (Reuters) - A Russian missile hit a five-storey apartment building in Kharkiv on "
     "Saturday, killing three people, local officials said."), {}),
    ("I14", "Ukrinform", "2024-06-01", "Russians strike residential building in Kharkiv",
     ("Russian troops struck a residential building in Kharkiv on June 1, killing four people and "
     "injuring 25, the Kharkiv Regional Military Administration said."), {}),
    ("I14", "Suspilne", "2024-06-02", "Kharkiv buries victims of Saturday strike",
     ("Kharkiv on Sunday mourned the four people killed when a Russian missile slammed into an "
     "apartment block in the Kyivskyi district on Saturday."), {}),
    ("I15", "AFP", "2024-05-25", "Russian missiles hit Odesa port",
     ("ODESA, Ukraine (AFP) - Russian missiles struck the port of Odesa on Saturday, wounding eight "
     "dock workers and damaging grain silos, the regional governor said."), {}),
    ("I15", "Ukrainska Pravda", "2024-05-26", "Nine injured in missile attack on Odessa port",
     ("A Russian missile attack on the Odessa port infrastructure on Saturday injured nine people, "
     "Oleh Kiper, head of the Odesa regional administration, reported."), {}),
    ("I16", "Reuters", "2024-03-15", "Al Shabaab storms Mogadishu hotel",
     ("MOGADISHU (Reuters) - Al Shabaab fighters stormed a hotel near the presidential palace in "
     "Mogadishu on Thursday evening, killing three people in a siege that lasted 13 hours, police "
     "said on Friday."), {}),
    ("I16", "AFP", "2024-03-15", "Somali forces end hotel siege",
     ("MOGADISHU (AFP) - Somali security forces ended a siege by al-Shabaab militants at the SYL "
     "hotel in the capital on Friday, after an attack that began on Thursday killed five people, "
     "including three soldiers."), {}),
    ("I16", "Garowe Online", "2024-03-15", "Four dead in SYL hotel attack",
     ("At least four people died when al-Shabaab gunmen attacked the SYL Hotel in Mogadishu on "
     "Thursday night, officials said."), {}),
    ("I17", "UN News", "2024-02-08", "Over 100,000 flee fighting near Goma",
     ("Fighting between M23 rebels and the Congolese army forced more than 100,000 people to flee "
     "their homes around the town of Sake, west of Goma, on Wednesday, the UN humanitarian office "
     "said."), {}),
    ("I17", "Reuters", "2024-02-08", "Thousands flee towards Goma as M23 advances",
     ("GOMA, Democratic Republic of Congo (Reuters) - Some 135,000 people fled their homes around "
     "Sake and headed for Goma on Wednesday as M23 rebels advanced, aid agencies said."), {}),
    ("I17", "MSF", "2024-02-09", "Displaced families pour into Goma",
     ("Tens of thousands of people displaced from Sake arrived in camps on the edge of Goma on "
     "Wednesday and Thursday, our teams in North Kivu reported."), {}),
    ("I18", "AFP", "2024-06-21", "Mali arrests 11 opposition politicians",
     ("BAMAKO (AFP) - Malian security forces arrested eleven opposition politicians at a private "
     "meeting in Bamako on Thursday, their parties said on Friday."), {}),
    ("I18", "RFI", "2024-06-21", "Opposition figures detained in Bamako",
     ("Eleven members of a coalition of Malian opposition parties were detained by police on "
     "Thursday evening at a home in the capital, Bamako, a party official said."), {}),
    ("I19", "Reuters", "2022-09-30", "Suicide bomber kills 19 at Kabul education centre",
     ("KABUL (Reuters) - A suicide bomber killed at least 19 people at an education centre in a "
     "Hazara neighbourhood of Kabul on Friday, police said. The Taliban took power in August 2021."),
     {"The Taliban took power": BG}),
    ("I19", "AP", "2022-10-01", "Kabul tuition centre bombing toll rises to 25",
     ("ISLAMABAD (AP) — The death toll from a suicide bombing at a tuition centre in the "
     "Dasht-e-Barchi area of Kabul has risen to 25, the United Nations mission in Afghanistan said "
     "on Saturday."), {}),
    ("I19", "Tolo News", "2022-09-30", "Blast at Kaaj centre in Kabul",
     ("An explosion at the Kaaj educational centre in the west of Kabul on Friday morning killed "
     "and wounded dozens of students who were sitting a practice exam, local officials said."), {}),
    ("I20", "Reuters", "2022-10-07", "Bomb in Kabul mosque kills four",
     ("KABUL (Reuters) - A bomb exploded in a mosque near the interior ministry in Kabul during "
     "Friday prayers, killing four people, a Taliban spokesman said."), {}),
    ("I20", "Pajhwok", "2022-10-08", "Five worshippers die in Kabul mosque blast",
     ("Five worshippers died on Friday when an explosive device went off in a mosque in Kabul's "
     "Police District 9, officials said on Saturday."), {}),
    ("I21", "Reuters", "2023-08-29", "Clashes in Syria's Deir ez-Zor kill nine",
     ("AMMAN (Reuters) - Clashes between the US-backed Syrian Democratic Forces and Arab tribal "
     "fighters in Syria's Deir ez-Zor province killed at least nine people on Tuesday, a war "
     "monitor said."), {}),
    ("I21", "North Press", "2023-08-30", "Eleven dead in Deir Ezzor fighting",
     ("Fighting erupted on Tuesday in the towns of Deir Ezzor's eastern countryside between SDF "
     "units and gunmen loyal to tribal leaders, leaving 11 dead, local sources said."), {}),
    ("I22", "AFP", "2024-02-03", "Gunmen kill Daraa councillor",
     ("Unknown gunmen shot dead a member of the Daraa city council near his home on Saturday, the "
     "Syrian Observatory for Human Rights said, the latest in a string of killings in the southern "
     "province."), {}),
    ("I22", "Horan Free League", "2024-02-04", "Councillor assassinated in Deraa",
     ("A local councillor was assassinated by gunmen on a motorcycle in Deraa al-Balad on Saturday "
     "evening, activists said on Sunday."), {}),
    ("I23", "AFP", "2024-02-10", "Two former rebels killed near Daraa",
     ("Gunmen killed two former rebel fighters in an ambush near Daraa on Saturday, a monitor "
     "said."), {}),
    ("I23", "Enab Baladi", "2024-02-11", "Two reconciled men shot dead in Daraa countryside",
     ("Two men who had joined a reconciliation deal with the government were shot dead on the road "
     "between Daraa and Tafas on Saturday, local media reported."), {}),
    ("I24", "SANA", "2024-02-03", "Terrorist bomb hits bus in Homs",
     ("A terrorist explosive device went off in a bus in the city of Homs on Saturday, killing two "
     "passengers and wounding six, a police source said."), {}),
    ("I24", "AFP", "2024-02-04", "Roadside bomb kills three in Homs",
     ("A roadside bomb hit a minibus in Homs on Saturday, killing three people, a war monitor "
     "said."), {}),
    ("I25", "Reuters", "2024-01-12", "US, British jets strike Houthi targets near Sanaa",
     ("SANAA (Reuters) - United States and British warplanes struck Houthi military targets around "
     "Sanaa airport before dawn on Friday, residents said."), {}),
    ("I25", "Al Masirah", "2024-01-12", "American-British aggression targets the capital",
     ("American and British aggression launched several raids on the capital Sanaa on Friday, the "
     "Houthi movement said, vowing retaliation."), {}),
    ("I25", "AP", "2024-01-13", "US-led strikes hit Houthi air base",
     ("DUBAI, United Arab Emirates (AP) — U.S.-led strikes on Friday hit an air base near Sanaa "
     "used by the Houthis to launch drones, American officials said on Saturday."), {}),
    ("I26", "AFP", "2024-01-12", "Strikes hit Houthi naval base in Hodeida",
     ("HODEIDA, Yemen (AFP) - Strikes by US and British forces hit a Houthi naval base in the port "
     "city of Hodeida on Friday, killing five fighters, the rebels said."), {}),
    ("I26", "Saba", "2024-01-13", "Five killed in US-British raids on Hudaydah",
     ("Five members of the armed forces were killed in US-British raids on al-Hudaydah governorate "
     "on Friday, a military spokesman said."), {}),
    ("I27", "AFP", "2024-04-10", "Jihadists kill four soldiers near Gao",
     ("BAMAKO (AFP) - Jihadists attacked a Malian army camp near Gao on Tuesday, killing four "
     "soldiers, a military source said on Wednesday."), {}),
    ("I27", "RFI", "2024-04-10", "Military post attacked outside Gao",
     ("Armed men attacked a military post on the outskirts of Gao on Tuesday, killing five "
     "soldiers, security sources said, in an attack later claimed by the Islamic State in the "
     "Sahel."), {}),
    ("I28", "Reuters", "2024-08-01", "Nigerian police fire tear gas at Lagos protesters",
     ("LAGOS (Reuters) - Police fired tear gas at hundreds of protesters in Lagos on Thursday on "
     "the first day of demonstrations against the rising cost of living, witnesses said."), {}),
    ("I28", "Punch", "2024-08-01", "#EndBadGovernance: thousands march in Ikeja",
     ("Thousands of young people marched in Ikeja, Lagos, on Thursday in the #EndBadGovernance "
     "protest, demanding an end to economic hardship."), {}),
    ("I29", "AFP", "2024-08-01", "Police disperse hunger protest in Abuja",
     ("ABUJA (AFP) - Several hundred demonstrators gathered in Abuja on Thursday to protest against "
     "hunger and hardship, before police dispersed them with tear gas."), {}),
    ("I29", "Premium Times", "2024-08-02", "Protesters march in Abuja",
     ("Protesters marched in the Federal Capital Territory, Abuja, on Thursday as part of "
     "nationwide demonstrations against bad governance, witnesses said."), {}),
    ("I30", "Reuters", "2025-05-04", "Drones strike Port Sudan air base",
     ("CAIRO (Reuters) - Drones struck a military air base and a fuel depot near Port Sudan's "
     "airport on Sunday, the army said, blaming the Rapid Support Forces."), {}),
    ("I30", "AFP", "2025-05-04", "Drones hit Port Sudan for first time",
     ("PORT SUDAN (AFP) - Paramilitary drones hit the Red Sea city of Port Sudan for the first time "
     "on Sunday, targeting an air base near the international airport, an army spokesman said."),
     {}),
    ("I30", "Sudan Tribune", "2025-05-05", "RSF drone attack on Port Sudan",
     ("The Rapid Support Forces launched a drone attack on the Osman Digna air base in Port Sudan "
     "on Sunday morning, military sources said on Monday."), {}),
    ("I31", "Reuters", "2023-08-16", "Clashes in Libya's capital kill 27",
     ("TRIPOLI (Reuters) - Clashes between two armed factions in Libya's capital Tripoli on Tuesday "
     "killed 27 people, the emergency medicine centre said."), {}),
    ("I31", "AFP", "2023-08-16", "Tripoli fighting toll rises to 55",
     ("TRIPOLI (AFP) - The toll from fighting in Tripoli between the 444 Brigade and the Special "
     "Deterrence Force rose to 55 dead on Wednesday, the emergency medicine centre said. The "
     "clashes erupted on Tuesday evening after the brigade's commander was detained."), {}),
    ("I31", "Libya Observer", "2023-08-15", "Heavy fighting in southern Tripoli",
     ("Heavy fighting erupted in southern Tripoli on Tuesday night between armed groups, shutting "
     "Mitiga airport, residents said."), {}),
    ("I32", "Reuters", "2024-04-15", "Russian shelling kills two in Zaporizhzhia",
     ("KYIV (Reuters) - Russian shelling killed two people in the southern Ukrainian city of "
     "Zaporizhzhia on Monday, the regional governor said."), {}),
    ("I32", "Ukrinform", "2024-04-15", "Two civilians killed in Zaporizhzhia",
     ("Russian forces shelled Zaporizhzhia on April 15, killing two civilians and wounding three, "
     "Ivan Fedorov, head of the regional military administration, said."), {}),
    ("I33", "AP", "2024-05-08", "Depositors protest outside Beirut banks",
     ("BEIRUT (AP) — Hundreds of depositors protested outside banks in Beirut on Wednesday, "
     "demanding access to savings frozen since the 2019 financial collapse."), {}),
    ("I34", "Reuters", "2024-03-03", "Iraq arrests 20 Islamic State suspects in Baghdad",
     ("BAGHDAD (Reuters) - Iraqi security forces arrested 20 suspected Islamic State members in "
     "raids across Baghdad on Sunday, the interior ministry said."), {}),
    ("I35", "AFP", "2024-01-20", "Suicide bomber kills five at Borno market",
     ("KANO, Nigeria (AFP) - A suicide bomber killed five people at a crowded market in Konduga in "
     "Nigeria's Borno state on Saturday, a militia leader said."), {}),
    ("I35", "Daily Trust", "2024-01-21", "Six dead as bomber strikes Konduga market",
     ("Six people were killed when a female suicide bomber detonated explosives at the Konduga "
     "weekly market on Saturday afternoon, residents said."), {}),
]


def slug(title: str) -> str:
    """A URL slug of a title."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in title.lower()).split())[:60]


def main() -> None:
    """Write articles.jsonl and gold.json beside this script."""
    articles, gold = [], {}
    for incident, outlet, date, title, text, other in ARTICLES:
        assert incident in INCIDENTS, incident
        for start, label in other.items():
            assert start in text and (label == BG or label in INCIDENTS), (title, start)
        url = f"https://gold.example.org/{slug(outlet)}/{date}/{slug(title)}"
        articles.append({"text": text, "title": title, "url": url, "date": date, "source": outlet})
        gold[url] = {"incident": incident, "other": other}
    incidents = {k: dict(zip(("class", "place", "date", "note"), v, strict=True))
                 for k, v in INCIDENTS.items()}
    with (HERE / "articles.jsonl").open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    (HERE / "gold.json").write_text(json.dumps({"incidents": incidents, "articles": gold},
                                               indent=1, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, {len(INCIDENTS)} incidents")


if __name__ == "__main__":
    main()
