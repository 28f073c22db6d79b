"""The demo newsroom: categories, authors and stories loaded by `manage.py load_demo`."""

CATEGORIES = [
    {
        "name": "Crime and Violence",
        "slug": "crime-and-violence",
        "description": "Reporting and analysis on crime, violence and public safety in Mexico and along the border.",
        "children": [
            {
                "name": "Organized Crime",
                "slug": "organized-crime",
                "description": "Drug trafficking organizations, their networks and the efforts to dismantle them.",
                "children": [],
            },
            {
                "name": "Security Policy",
                "slug": "security-policy",
                "description": "How governments in Mexico and the United States design, fund and run their security strategies.",
                "children": [],
            },
        ],
    },
    {
        "name": "Politics",
        "slug": "politics",
        "description": "Elections, government and the political debates that shape Mexico and its relationship with the United States.",
        "children": [
            {
                "name": "Justice and Courts",
                "slug": "justice-and-courts",
                "description": "Courts, prosecutors and legal reforms, and how they affect the rule of law.",
                "children": [],
            },
        ],
    },
    {
        "name": "Economy",
        "slug": "economy",
        "description": "The economic ties between Mexico and the United States, from remittances to investment.",
        "children": [
            {
                "name": "Trade",
                "slug": "trade",
                "description": "Trade agreements, cross-border commerce and the ports that carry it.",
                "children": [],
            },
        ],
    },
    {
        "name": "Migration",
        "slug": "migration",
        "description": "Migration across and toward the U.S.-Mexico border and the policies that govern it.",
        "children": [],
    },
]

AUTHORS = [
    {
        "name": "vmateoszuniga",
        "slug": "vmateoszuniga",
        "bio": "Writes the newsroom's round-ups on organized crime and U.S.-Mexico security cooperation.",
    },
    {
        "name": "Lucía Herrera",
        "slug": "lucia-herrera",
        "bio": "Lucía Herrera is a staff writer covering Mexican politics, the courts and trade.",
    },
    {
        "name": "Daniel Ortiz",
        "slug": "daniel-ortiz",
        "bio": "Daniel Ortiz is a staff writer who covers security policy, crime data and drug trafficking.",
    },
    {
        "name": "Sarah Whitman",
        "slug": "sarah-whitman",
        "bio": "Sarah Whitman is a staff writer covering the border, migration and sanctions policy.",
    },
]

STORIES = [
    {
        "slug": "joint-us-mexico-operation-dismantles-nogales-fentanyl-network",
        "headline": "Joint U.S.-Mexico operation dismantles border fentanyl trafficking network",
        "standfirst": "A binational operation in Nogales, Sonora, ended with five arrests and a large drug seizure. Also in this round-up: a new global coalition on synthetic drugs and fresh U.S. sanctions on the Sinaloa Cartel.",
        "published_at": "2023-07-13T09:00:00-04:00",
        "category": "organized-crime",
        "secondary_categories": ["security-policy"],
        "authors": ["vmateoszuniga"],
        "tags": ["fentanyl", "Nogales", "U.S.-Mexico cooperation", "sanctions", "Sinaloa Cartel"],
        "body": "",
        "items": [
            {
                "headline": "Joint U.S.-Mexico operation dismantles a border fentanyl trafficking network",
                "body": (
                    "<p>The U.S. Department of Justice (DOJ) has reported the outcome of an Organized Crime Drug "
                    "Enforcement Task Forces operation in the border area around Nogales, Sonora. Mexico's Attorney "
                    "General's Office (FGR) and the DOJ coordinated the effort. Its first step came on June 23, 2023, "
                    "with the detention in Nogales of five people that officials say belong to a large drug "
                    "trafficking group. Officials have not identified the cartel the five are linked to, nor given the "
                    "organization's name.</p>"
                    "<p>Authorities seized 120,000 fentanyl pills, 15 pounds of methamphetamine, 17 pounds of heroin "
                    "and 15 pounds of cocaine, together with three assault rifles and a handgun.</p>"
                    "<p>The arrests in Nogales built on earlier action in the United States. Earlier in 2023, federal "
                    "grand juries indicted seven people tied to the same cross-border network, all of whom were also "
                    "arrested; six of them lived in Arizona and one in Mexico.</p>"
                    "<p>In the DOJ's press release, Attorney General Merrick Garland held up the Nogales case as an "
                    "example of the results the two countries can achieve against fentanyl trafficking when they "
                    "work together.</p>"
                ),
                "source_line": "U.S. Department of Justice",
            },
            {
                "headline": "U.S. Secretary of State launches global coalition against synthetic drug threats",
                "body": (
                    "<p>Secretary of State Antony Blinken formally launched the Global Coalition to Address Synthetic "
                    "Drug Threats on July 7, 2023, at a virtual ministerial meeting with its main participants. The "
                    "coalition is planned as a 12- to 18-month effort and brings together 90 countries, Mexico among "
                    "them, along with international bodies such as the United Nations Office on Drugs and Crime "
                    "(UNODC) and INTERPOL.</p>"
                    "<p>In his opening remarks, Blinken laid out the coalition's central aims: stopping the illicit "
                    "manufacture and trafficking of synthetic drugs, spotting emerging threats and patterns, and "
                    "advancing responses built around public health and harm reduction. Beyond governments, the "
                    "effort draws in the medical community, the private sector and scientists, so that the crisis "
                    "can be tackled from several directions at once.</p>"
                    "<p>Mexico's Foreign Secretary, Alicia Bárcena, spoke for Mexico at the launch. She said the "
                    "threat can be countered only through international cooperation that produces concrete actions "
                    "and treats the problem through a public health lens.</p>"
                ),
                "source_line": "U.S. Embassy in China",
            },
            {
                "headline": "U.S. Ambassador to Mexico announces sanctions against the Sinaloa Cartel",
                "body": (
                    "<p>On July 12, U.S. Ambassador to Mexico Ken Salazar issued a statement announcing financial "
                    "sanctions against the Sinaloa Cartel and Los Chapitos, the faction headed by the sons of "
                    'Joaquín "El Chapo" Guzmán. According to the ambassador, the Treasury Department\'s Office of '
                    "Foreign Assets Control (OFAC) designated 10 individuals and one Mexican company connected to "
                    "the cartel and to Los Chapitos, an action he presented as part of the newly launched Global "
                    "Coalition to Address Synthetic Drug Threats.</p>"
                    "<p>The measures are meant to choke off the organization's finances and its ability to pay for "
                    "shipments of fentanyl precursor chemicals from China.</p>"
                    "<p>The designations were prepared together with Mexico's Financial Intelligence Unit (Unidad de "
                    "Inteligencia Financiera). As a result, any property or interest in property of those designated "
                    "that is in the United States, or held or controlled by U.S. persons, has to be blocked, and "
                    "dealings that touch that blocked property must also be reported to OFAC.</p>"
                ),
                "source_line": "U.S. Embassy in Mexico",
            },
        ],
        "sources": [
            {
                "title": "EU y México desmantelan red de narcotraficantes en ambos lados de la frontera",
                "outlet": "El Universal",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": 0,
            },
            {
                "title": "México y EU desmantelan red de fentanilo en Nogales, Sonora; detienen a 12",
                "outlet": "Aristegui Noticias",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": 0,
            },
            {
                "title": "México y EU desmantelan red de tráfico de fentanilo en Nogales, Sonora",
                "outlet": "Excélsior",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": 0,
            },
            {
                "title": "Cooperation Between United States and Mexican Law Enforcement Leads to Significant Actions Against Transnational Drug Trafficking Organization",
                "outlet": "U.S. Department of Justice",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": 0,
            },
            {
                "title": "Treasury Sanctions Key Actors Linked to Mexican Cartels Trafficking Fentanyl",
                "outlet": "U.S. Department of the Treasury",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": 2,
            },
            {
                "title": "U.S. Ambassador to Mexico Twitter account",
                "outlet": "U.S. Ambassador to Mexico (Twitter)",
                "url": "",
                "language": "en",
                "published_on": "2023-07-12",
                "item": 2,
            },
            {
                "title": "Opening Remarks at a Virtual Ministerial Meeting to Launch the Global Coalition to Address Synthetic Drugs",
                "outlet": "U.S. Department of State",
                "url": "",
                "language": "en",
                "published_on": "2023-07-07",
                "item": 1,
            },
            {
                "title": "Global Coalition Frequently Asked Questions",
                "outlet": "U.S. Department of State",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": 1,
            },
        ],
        "corrections": [],
        "image": {
            "alt": "Abstract illustration in navy blue and rust red",
            "caption": "Illustration for this week's security round-up.",
            "credit": "Newsroom illustration",
            "colors": ["#1f3b57", "#c8553d"],
        },
        "comments_open": True,
    },
    {
        "slug": "from-merida-to-the-bicentennial-framework",
        "headline": "From Mérida to the Bicentennial Framework: how U.S.-Mexico security cooperation changed",
        "standfirst": "For more than a decade the Mérida Initiative set the terms of security cooperation between the two countries. Its successor puts more weight on public health and arms trafficking.",
        "published_at": "2023-01-24T09:00:00-05:00",
        "category": "security-policy",
        "secondary_categories": [],
        "authors": ["lucia-herrera"],
        "tags": ["explainer", "U.S.-Mexico cooperation", "rule of law"],
        "body": (
            "<p>The Mérida Initiative, announced by the United States and Mexico in October 2007, was the main "
            "channel for U.S. security assistance to Mexico for more than a decade. Funds appropriated by the U.S. "
            "Congress paid for equipment, training and technical support for Mexican institutions.</p>"
            "<p>Over time the program was organized around four pillars: disrupting organized criminal groups, "
            'institutionalizing the rule of law, building a "21st-century border" and fostering strong and '
            "resilient communities.</p>"
            "<h2>A new framework</h2>"
            "<p>After a High-Level Security Dialogue in Mexico City in October 2021, the two governments announced "
            "the U.S.-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities as Mérida's "
            "replacement. It sets three goals: protecting people, including through public health and "
            "violence-reduction measures; preventing cross-border crime such as arms and drug trafficking; and "
            "pursuing criminal networks.</p>"
            "<p>The Congressional Research Service has noted that Congress may weigh Mérida's record as it considers "
            "funding for the new framework.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "U.S.-Mexico Security Cooperation: From the Mérida Initiative to the Bicentennial Framework",
                "outlet": "Congressional Research Service",
                "url": "https://crsreports.congress.gov/product/pdf/IF/IF10578",
                "language": "en",
                "published_on": "2022-04-07",
                "item": None,
            },
            {
                "title": "U.S. and Mexico Agree to Bicentennial Framework",
                "outlet": "Voice of America",
                "url": "https://editorials.voa.gov/a/u-s-and-mexico-agree-to-bicentennial-framework/6304393.html",
                "language": "en",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": {
            "alt": "Abstract illustration in dark green and gold",
            "caption": "Illustration for our explainer on U.S.-Mexico security cooperation.",
            "credit": "Newsroom illustration",
            "colors": ["#2e5e4e", "#e0b84a"],
        },
        "comments_open": True,
    },
    {
        "slug": "mexican-supreme-court-rules-on-national-guard-transfer",
        "headline": "Mexico's Supreme Court strikes down the National Guard's transfer to the army",
        "standfirst": "Spanish-language coverage of the ruling explains what the justices decided and when it takes effect.",
        "published_at": "2023-04-27T10:00:00-04:00",
        "category": "security-policy",
        "secondary_categories": ["justice-and-courts"],
        "authors": ["vmateoszuniga"],
        "tags": ["rule of law", "Mexican politics"],
        "body": (
            "<p>On April 18, 2023, Mexico's Supreme Court of Justice (SCJN) ruled that moving the operational and "
            "administrative control of the National Guard to the Ministry of National Defense (Sedena), as Congress "
            "approved in 2022, was unconstitutional. Mexican outlets including El Informador and Noroeste covered "
            "the decision in detail.</p>"
            "<p>The National Guard was created by a constitutional reform in 2019. According to that coverage, the "
            "majority held that Article 21 of the Constitution requires public security institutions, the Guard "
            "included, to be civilian, and that placing it under military control contradicted that requirement. "
            "The ruling passed by eight votes to three.</p>"
            "<p>In a later session the court set January 1, 2024, as the date the decision takes effect, giving the "
            "government time to return the Guard's budget and administration to the Security and Citizen "
            "Protection ministry (SSPC). Until then, the 2022 arrangement stays in place.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "SCJN invalida traspaso de la Guardia Nacional a la Sedena",
                "outlet": "El Informador",
                "url": "https://www.informador.mx/mexico/SCJN-invalida-traspaso-de-la-Guardia-Nacional-a-la-Sedena-20230418-0100.html",
                "language": "es",
                "published_on": "2023-04-18",
                "item": None,
            },
            {
                "title": "Invalidez de traspaso de Guardia Nacional a Sedena, efectiva a partir de 2024: SCJN",
                "outlet": "Noroeste",
                "url": "",
                "language": "es",
                "published_on": "2023-04-20",
                "item": None,
            },
        ],
        "corrections": [
            {
                "kind": "update",
                "text": "In September 2024, Mexico's Congress approved a constitutional amendment placing the National Guard under the Ministry of National Defense, superseding the arrangement described in this story.",
                "date": "2024-10-01T12:00:00-04:00",
            },
        ],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "border-after-title-42-round-up",
        "headline": "The border after Title 42: what changed in May",
        "standfirst": "The pandemic-era expulsion policy has ended. Two changes shape what happens now at the southwest border.",
        "published_at": "2023-05-19T09:00:00-04:00",
        "category": "migration",
        "secondary_categories": [],
        "authors": ["sarah-whitman"],
        "tags": ["migration", "border"],
        "body": "",
        "items": [
            {
                "headline": "Title 42 ends and a new asylum rule takes effect",
                "body": (
                    "<p>The public health order known as Title 42, which since March 2020 had let U.S. authorities "
                    "quickly expel many migrants at the border, ended on May 11, 2023, together with the federal "
                    "COVID-19 public health emergency. Processing at the border returned to the regular immigration "
                    "law of Title 8.</p>"
                    '<p>The departments of Homeland Security and Justice also published the "Circumvention of Lawful '
                    'Pathways" rule. Subject to exceptions, it presumes that migrants who cross between ports of '
                    "entry without using an available lawful pathway, or without first seeking protection in a "
                    "country they passed through, are ineligible for asylum.</p>"
                ),
                "source_line": "Federal Register",
            },
            {
                "headline": "CBP One becomes the main route to a port-of-entry appointment",
                "body": (
                    "<p>U.S. Customs and Border Protection's CBP One mobile application lets migrants in central and "
                    "northern Mexico request an appointment to present themselves at a port of entry on the "
                    "southwest border. CBP began using the app for this purpose in January 2023 and increased the "
                    "number of daily appointments when Title 42 ended.</p>"
                ),
                "source_line": "U.S. Customs and Border Protection",
            },
        ],
        "sources": [
            {
                "title": "Circumvention of Lawful Pathways",
                "outlet": "Federal Register",
                "url": "",
                "language": "en",
                "published_on": "2023-05-16",
                "item": 0,
            },
            {
                "title": "CBP One Mobile Application",
                "outlet": "U.S. Customs and Border Protection",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": 1,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "how-ofac-sanctions-work",
        "headline": "Explainer: how U.S. Treasury sanctions on cartels work",
        "standfirst": "The Office of Foreign Assets Control has become one of Washington's main tools against Mexican trafficking networks. Here is what a designation does.",
        "published_at": "2023-08-22T09:00:00-04:00",
        "category": "organized-crime",
        "secondary_categories": ["economy"],
        "authors": ["sarah-whitman"],
        "tags": ["sanctions", "explainer", "Sinaloa Cartel", "fentanyl"],
        "body": (
            "<p>The Office of Foreign Assets Control (OFAC), part of the U.S. Department of the Treasury, "
            "administers and enforces U.S. economic and trade sanctions. When OFAC designates a person or a company, "
            "it adds them to its Specially Designated Nationals and Blocked Persons List, usually called the SDN "
            "list.</p>"
            "<p>A designation has two main effects. Property and interests in property of the designated party that "
            "are in the United States or controlled by U.S. persons are blocked, and U.S. persons are generally "
            "barred from dealing with them unless OFAC authorizes it. Because banks around the world screen their "
            "customers against the SDN list, a designation can also cut a target off from much of the international "
            "financial system.</p>"
            "<p>Against drug traffickers, OFAC long relied on the Foreign Narcotics Kingpin Designation Act of 1999. "
            "In December 2021, Executive Order 14059 broadened Treasury's authority to target foreign persons "
            "involved in the global illicit drug trade, without needing to tie them to a specific kingpin. Treasury "
            "has since used it repeatedly against the Sinaloa Cartel and its Los Chapitos faction, including in "
            "July 2023.</p>"
            "<p>Designated parties can ask OFAC to remove them from the list, for example by showing that their "
            "circumstances have changed.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Office of Foreign Assets Control",
                "outlet": "U.S. Department of the Treasury",
                "url": "https://ofac.treasury.gov/",
                "language": "en",
                "published_on": None,
                "item": None,
            },
            {
                "title": "Treasury Uses New Sanctions Authority to Combat Global Illicit Drug Trade",
                "outlet": "U.S. Department of the Treasury",
                "url": "https://home.treasury.gov/news/press-releases/jy0535",
                "language": "en",
                "published_on": "2021-12-15",
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "what-are-the-organized-crime-drug-enforcement-task-forces",
        "headline": "What are the Organized Crime Drug Enforcement Task Forces?",
        "standfirst": "The program behind July's Nogales case has coordinated U.S. drug investigations for four decades.",
        "published_at": "2023-10-10T09:00:00-04:00",
        "category": "organized-crime",
        "secondary_categories": ["security-policy"],
        "authors": ["vmateoszuniga", "daniel-ortiz"],
        "tags": ["explainer", "U.S.-Mexico cooperation", "Nogales", "fentanyl"],
        "body": (
            "<p>The Organized Crime Drug Enforcement Task Forces (OCDETF) program was created in October 1982, under "
            "President Ronald Reagan, to pursue the largest drug trafficking and money laundering organizations "
            "affecting the United States. It is now an independent component of the Department of Justice that "
            "reports to the Deputy Attorney General.</p>"
            "<p>OCDETF works through its member agencies rather than as a separate police force. It brings together "
            "federal prosecutors and agents from the DEA, the FBI, the ATF, the U.S. Marshals Service, the IRS, "
            "Immigration and Customs Enforcement and the Coast Guard, along with state and local partners, in "
            "prosecutor-led, intelligence-driven investigations. Part of this work happens in co-located Strike "
            "Forces in key U.S. cities.</p>"
            "<p>OCDETF cases target the leadership, supply routes and finances of criminal networks, and the program "
            "coordinates the Attorney General's Consolidated Priority Organization Target list of the most "
            "significant international trafficking groups. The Nogales operation announced in July 2023 was an "
            "OCDETF case carried out with Mexican authorities.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "About OCDETF",
                "outlet": "U.S. Department of Justice",
                "url": "https://www.justice.gov/ocdetf/about-ocdetf",
                "language": "en",
                "published_on": None,
                "item": None,
            },
            {
                "title": "Organized Crime Drug Enforcement Task Forces (OCDETF)",
                "outlet": "Drug Enforcement Administration",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "fentanyl-precursor-chemicals-explained",
        "headline": "Fentanyl's supply chain starts with precursor chemicals",
        "standfirst": "Controlling the chemicals used to make fentanyl has become a central part of the fight against it, from UN scheduling to U.S.-China talks.",
        "published_at": "2023-11-21T09:00:00-05:00",
        "category": "organized-crime",
        "secondary_categories": ["security-policy"],
        "authors": ["daniel-ortiz"],
        "tags": ["fentanyl", "explainer", "Sinaloa Cartel"],
        "body": (
            "<p>Fentanyl is a synthetic opioid: unlike heroin, it is made entirely from chemicals rather than from a "
            "plant. U.S. authorities say most illicit fentanyl reaching the United States is produced in Mexico, and "
            "the Drug Enforcement Administration has named the Sinaloa Cartel and the Jalisco New Generation Cartel "
            "as the main producers, relying largely on precursor chemicals sourced from China.</p>"
            "<p>Precursors are substances needed to make a drug, and many also have legitimate industrial uses. They "
            "are controlled internationally under the 1988 UN Convention against Illicit Traffic in Narcotic Drugs "
            "and Psychotropic Substances. The UN Commission on Narcotic Drugs placed two key fentanyl precursors, NPP "
            "and ANPP, under international control in 2017 and has added others since. Traffickers have responded by "
            "switching to related chemicals that are not yet controlled, a pattern the International Narcotics "
            "Control Board follows in its annual precursors report.</p>"
            "<p>At their meeting in Woodside, California, on November 15, 2023, Presidents Joe Biden and Xi Jinping "
            "agreed to resume bilateral cooperation on counternarcotics.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Precursors and Chemicals Frequently Used in the Illicit Manufacture of Narcotic Drugs and Psychotropic Substances",
                "outlet": "International Narcotics Control Board",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
            {
                "title": "Readout of President Joe Biden's Meeting with President Xi Jinping of the People's Republic of China",
                "outlet": "The White House",
                "url": "",
                "language": "en",
                "published_on": "2023-11-15",
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "reading-mexicos-homicide-data",
        "headline": "Reading Mexico's homicide data: INEGI and SESNSP",
        "standfirst": "Two Spanish-language government sources track killings in Mexico. They measure different things, and their numbers do not match.",
        "published_at": "2024-01-23T09:00:00-05:00",
        "category": "crime-and-violence",
        "secondary_categories": [],
        "authors": ["daniel-ortiz"],
        "tags": ["explainer", "rule of law"],
        "body": (
            "<p>INEGI, Mexico's national statistics institute, publishes annual figures on deaths by homicide drawn "
            "from death certificates and related records. The figures come out with a delay and are first released "
            "as preliminary numbers.</p>"
            "<p>The Executive Secretariat of the National Public Security System (SESNSP) publishes monthly figures "
            "compiled from state prosecutors' offices. Its crime incidence series counts criminal investigation files "
            "opened, and a single file can involve more than one victim, so the secretariat also publishes separate "
            "victim counts for crimes such as intentional homicide.</p>"
            "<p>Because the sources and methods differ, the two series are not expected to match. SESNSP is often "
            "used to follow month-to-month trends, while INEGI's annual series is often treated as the more complete "
            "count. Both are published in Spanish on the agencies' websites.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Defunciones por homicidio",
                "outlet": "INEGI",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": None,
            },
            {
                "title": "Incidencia delictiva del fuero común",
                "outlet": "Secretariado Ejecutivo del Sistema Nacional de Seguridad Pública",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "remittances-to-mexico-explained",
        "headline": "Remittances to Mexico: what they are and why they matter",
        "standfirst": "Money sent home by Mexicans abroad, mostly from the United States, is one of the country's largest sources of foreign income.",
        "published_at": "2024-02-13T09:00:00-05:00",
        "category": "economy",
        "secondary_categories": ["migration"],
        "authors": ["lucia-herrera"],
        "tags": ["migration", "explainer"],
        "body": (
            "<p>Remittances are the money that people working abroad send to relatives at home. For Mexico they are "
            "one of the largest sources of foreign income, and the great majority come from the United States, where "
            "millions of people born in Mexico live and work.</p>"
            "<p>Banco de México, the central bank, publishes monthly figures on remittance flows. Its data show that "
            "remittances to Mexico set a new annual record in 2023, continuing several years of growth.</p>"
            "<p>Because most transfers are sent in dollars and spent in pesos, the exchange rate matters: a stronger "
            "peso, as in much of 2023, means the same dollars buy less at home. The annual Anuario de Migración y "
            "Remesas, produced by Fundación BBVA México and Mexico's National Population Council (CONAPO), is a "
            "widely used Spanish-language reference on the subject.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Ingresos y egresos por remesas",
                "outlet": "Banco de México",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": None,
            },
            {
                "title": "Anuario de Migración y Remesas México 2023",
                "outlet": "Fundación BBVA México y Consejo Nacional de Población",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "usmca-trade-basics",
        "headline": "USMCA basics: the rules behind North American trade",
        "standfirst": "The agreement that replaced NAFTA governs the largest trade relationship in the Americas, and a joint review is due in 2026.",
        "published_at": "2024-03-12T09:00:00-04:00",
        "category": "trade",
        "secondary_categories": [],
        "authors": ["lucia-herrera"],
        "tags": ["trade", "explainer", "border"],
        "body": (
            "<p>The United States-Mexico-Canada Agreement (USMCA), known in Mexico as T-MEC and in Canada as CUSMA, "
            "replaced the North American Free Trade Agreement when it entered into force on July 1, 2020.</p>"
            "<p>It kept most tariffs at zero but tightened the rules of origin for vehicles, which now require a "
            "higher share of North American content and a share made by workers earning at least a set hourly wage. "
            "It also created a Rapid Response Labor Mechanism that allows complaints about the denial of workers' "
            "rights at specific facilities in Mexico, and added rules on digital trade.</p>"
            "<p>The agreement runs for 16 years, with a joint review by the three countries scheduled for 2026. "
            "According to U.S. Census Bureau figures for 2023, Mexico was the largest U.S. trading partner in "
            "goods that year.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "United States-Mexico-Canada Agreement",
                "outlet": "Office of the U.S. Trade Representative",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
            {
                "title": "U.S. International Trade in Goods and Services, December and Annual 2023",
                "outlet": "U.S. Census Bureau",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": False,
    },
    {
        "slug": "ports-of-entry-trade-and-fentanyl",
        "headline": "Ports of entry carry both trade and most seized fentanyl",
        "standfirst": "From Laredo to Nogales, the same crossings that move billions in goods are where most border fentanyl seizures happen.",
        "published_at": "2024-04-16T09:00:00-04:00",
        "category": "trade",
        "secondary_categories": ["organized-crime"],
        "authors": ["sarah-whitman"],
        "tags": ["Nogales", "border", "trade", "fentanyl"],
        "body": (
            "<p>Most trade and legal travel between the United States and Mexico passes through land ports of entry. "
            "Laredo, Texas, handles the largest volume of commercial trade, while Nogales, Arizona, through its "
            "Mariposa crossing, is one of the main gateways for fresh fruit and vegetables grown in Mexico, "
            "especially in winter.</p>"
            "<p>The same ports are where U.S. Customs and Border Protection makes most of its fentanyl seizures. "
            "CBP's published statistics show that most of the fentanyl it intercepts is found at ports of entry "
            "rather than between them.</p>"
            "<p>That leaves officials with a balancing act: inspecting more vehicles can slow the trade that border "
            "economies depend on. The Bureau of Transportation Statistics publishes monthly counts of trucks, buses, "
            "personal vehicles and pedestrians at each port.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Drug Seizure Statistics",
                "outlet": "U.S. Customs and Border Protection",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
            {
                "title": "Border Crossing/Entry Data",
                "outlet": "Bureau of Transportation Statistics",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "mexico-elects-claudia-sheinbaum",
        "headline": "Mexico elects Claudia Sheinbaum as its first woman president",
        "standfirst": "The June 2 vote also chose a new Congress. Security and relations with the United States await the incoming government.",
        "published_at": "2024-06-10T09:00:00-04:00",
        "category": "politics",
        "secondary_categories": [],
        "authors": ["vmateoszuniga"],
        "tags": ["Mexican politics", "U.S.-Mexico cooperation"],
        "body": (
            "<p>Mexicans went to the polls on June 2, 2024, to choose a president, both chambers of Congress and "
            "thousands of state and local offices. The National Electoral Institute (INE) organized the vote.</p>"
            "<p>Claudia Sheinbaum, a former head of government of Mexico City and the candidate of the governing "
            "Morena party and its allies, won the presidency. She is the first woman elected president of Mexico and "
            "is due to take office on October 1, 2024, for a six-year term.</p>"
            "<p>Security policy, relations with the United States and a pending proposal to overhaul the judiciary "
            "are expected to be among the first issues facing the new administration and Congress.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Proceso Electoral Federal 2023-2024",
                "outlet": "Instituto Nacional Electoral",
                "url": "",
                "language": "es",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "mexico-judicial-reform-explained",
        "headline": "Mexico's judicial reform: what changes and why it is contested",
        "standfirst": "A constitutional amendment will have Mexicans elect their judges, including Supreme Court justices. Supporters and critics disagree sharply about what that means.",
        "published_at": "2024-09-24T09:00:00-04:00",
        "category": "justice-and-courts",
        "secondary_categories": ["politics"],
        "authors": ["lucia-herrera"],
        "tags": ["rule of law", "Mexican politics", "explainer"],
        "body": (
            "<p>Mexico published a constitutional reform of its judiciary in the Diario Oficial de la Federación on "
            "September 15, 2024, after the Senate approved it on September 11 and a majority of state legislatures "
            "ratified it. The reform replaces appointment with popular election for federal judges and magistrates "
            "and for the justices of the Supreme Court (SCJN).</p>"
            "<p>The Supreme Court will shrink from 11 to nine justices serving 12-year terms. The Federal Judicial "
            "Council is to be replaced by a Judicial Discipline Tribunal and a separate judicial administration body. "
            "The first judicial elections are scheduled for 2025, with the remaining posts to be filled in 2027.</p>"
            "<p>The government of President Andrés Manuel López Obrador says the change will make courts more "
            "accountable and curb corruption. Critics, including judicial workers who went on strike during the "
            "debate and bar associations, argue it could weaken judicial independence, and U.S. and Canadian "
            "officials also voiced concerns.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Decreto por el que se reforman, adicionan y derogan diversas disposiciones de la Constitución Política de los Estados Unidos Mexicanos, en materia de reforma del Poder Judicial",
                "outlet": "Diario Oficial de la Federación",
                "url": "",
                "language": "es",
                "published_on": "2024-09-15",
                "item": None,
            },
        ],
        "corrections": [
            {
                "kind": "correction",
                "text": "An earlier version of this story gave September 11, 2024, as the date the reform was published. That was the date of Senate approval; the decree was published on September 15, 2024.",
                "date": "2024-09-25T11:00:00-04:00",
            },
        ],
        "image": None,
        "comments_open": True,
    },
    {
        "slug": "southbound-arms-trafficking-courts-and-congress",
        "headline": "Southbound guns: Mexico's lawsuit reaches the U.S. Supreme Court",
        "standfirst": "Arms trafficking from the United States is one of Mexico's main security complaints. It is now being fought in U.S. courts as well as in policy.",
        "published_at": "2024-11-12T09:00:00-05:00",
        "category": "security-policy",
        "secondary_categories": ["justice-and-courts"],
        "authors": ["daniel-ortiz"],
        "tags": ["U.S.-Mexico cooperation", "border", "rule of law"],
        "body": (
            "<p>Mexican officials have long said that many of the firearms used by criminal groups in Mexico are "
            "bought in the United States, and the Bicentennial Framework lists arms trafficking among the problems "
            "both governments pledged to address.</p>"
            "<p>In 2021, Mexico's government sued several gun manufacturers and a wholesaler in federal court in "
            "Massachusetts, arguing that their business practices help weapons reach cartels. The companies say the "
            "Protection of Lawful Commerce in Arms Act of 2005 bars the suit. A district court dismissed the case in "
            "2022, the First Circuit Court of Appeals revived it in January 2024, and in October 2024 the Supreme "
            "Court agreed to hear the manufacturers' appeal.</p>"
            "<p>Separately, the Bipartisan Safer Communities Act, signed in June 2022, created specific federal "
            "offenses for straw purchasing and firearms trafficking, giving prosecutors new tools in cases involving "
            "guns smuggled across the southern border.</p>"
        ),
        "items": [],
        "sources": [
            {
                "title": "Smith & Wesson Brands, Inc. v. Estados Unidos Mexicanos, No. 23-1141",
                "outlet": "Supreme Court of the United States",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
            {
                "title": "S.2938 - Bipartisan Safer Communities Act",
                "outlet": "Congress.gov",
                "url": "",
                "language": "en",
                "published_on": None,
                "item": None,
            },
        ],
        "corrections": [],
        "image": None,
        "comments_open": True,
    },
]
