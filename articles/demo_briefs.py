"""More demo stories, so that the front page sections fill up and a category ("Crime and
Violence") and a tag ("U.S.-Mexico cooperation") run to a second page. Shorter than the
round-ups in `demo_content`, on the same beat, written in the newsroom's own words.

Each brief is (slug, published, category, authors, tags, headline, standfirst, paragraphs);
`STORIES` turns them into the same dictionaries as `demo_content.STORIES`.
"""

COOPERATION = "U.S.-Mexico cooperation"

BRIEFS = [
    ("ovidio-guzman-extradited-to-chicago", "2023-09-18T09:00:00-04:00", "organized-crime",
     ["daniel-ortiz"], ["Sinaloa Cartel", "extradition", COOPERATION, "fentanyl"],
     "Ovidio Guzmán López is extradited to the United States",
     "One of the sons of Joaquín \"El Chapo\" Guzmán now faces drug trafficking charges in Chicago, eight "
     "months after his capture in Culiacán.",
     ["Mexico extradited Ovidio Guzmán López to the United States on September 15, 2023. He was captured "
      "in Culiacán, Sinaloa, in January 2023 in an operation that set off a day of blockades and shootouts "
      "across the city.",
      "U.S. prosecutors accuse him of helping to lead Los Chapitos, the faction of the Sinaloa Cartel run "
      "by El Chapo's sons, and of trafficking fentanyl, cocaine, heroin and methamphetamine into the "
      "United States. Both governments presented the extradition as a result of their cooperation against "
      "fentanyl."]),
    ("high-level-security-dialogue-mexico-city", "2023-10-06T09:00:00-04:00", "security-policy",
     ["vmateoszuniga"], [COOPERATION, "fentanyl", "arms trafficking"],
     "Security dialogue in Mexico City reviews two years of the Bicentennial Framework",
     "Cabinet officials from both countries met to take stock of joint work on fentanyl, arms trafficking "
     "and money laundering.",
     ["Senior U.S. officials, among them the secretaries of State and Homeland Security and the Attorney "
      "General, travelled to Mexico City in early October 2023 for a new round of the High-Level Security "
      "Dialogue with their Mexican counterparts.",
      "The meeting reviewed the Bicentennial Framework agreed in 2021. Both sides pointed to joint work "
      "against synthetic drug production, southbound weapons trafficking and the finances of criminal "
      "groups, and agreed to keep meeting at working level on each of those fronts."]),
    ("mexico-becomes-top-source-of-us-imports", "2024-02-09T09:00:00-05:00", "trade",
     ["lucia-herrera"], ["trade", COOPERATION, "border"],
     "Mexico overtakes China as the largest source of U.S. imports",
     "Annual trade figures for 2023 confirm a shift that companies moving production closer to the "
     "United States had been predicting.",
     ["U.S. Census Bureau figures for 2023 show that the United States imported more goods from Mexico than "
      "from any other country, the first time in two decades that China has not held that place.",
      "Vehicles and auto parts, electronics and farm produce lead the list. Economists link part of the "
      "change to nearshoring, as manufacturers move supply chains to North America under the USMCA, and "
      "part to lower imports from China after U.S. tariffs. Much of that trade crosses at a handful of "
      "land ports, which is why delays at the border are felt quickly in factories on both sides."]),
    ("asylum-restrictions-at-high-crossing-levels", "2024-06-05T09:00:00-04:00", "migration",
     ["sarah-whitman"], ["migration", "border", COOPERATION],
     "New U.S. rule limits asylum when border crossings are high",
     "A presidential proclamation suspends most asylum claims between ports of entry while daily "
     "encounters stay above a set threshold.",
     ["President Joe Biden signed a proclamation on June 4, 2024 that restricts asylum for people who cross "
      "the southwest border between ports of entry whenever average daily encounters exceed 2,500. The "
      "restrictions lift only after the average stays lower for a sustained period.",
      "Unaccompanied children and some other groups are exempt. Rights groups announced legal challenges. "
      "The measure relies in part on Mexico's continued enforcement on its side of the border, which "
      "officials of both governments discussed in the weeks before it was announced."]),
    ("el-mayo-zambada-taken-into-custody-in-texas", "2024-07-26T09:00:00-04:00", "organized-crime",
     ["daniel-ortiz"], ["Sinaloa Cartel", COOPERATION, "fentanyl"],
     "\"El Mayo\" Zambada and a son of El Chapo are taken into custody in Texas",
     "The arrest of the Sinaloa Cartel's longest-serving leader raised questions in Mexico about how he "
     "reached U.S. soil.",
     ["Ismael \"El Mayo\" Zambada, a founder of the Sinaloa Cartel, and Joaquín Guzmán López, a son of "
      "Joaquín \"El Chapo\" Guzmán, were arrested by U.S. agents on July 25, 2024 after landing on a small "
      "plane near El Paso, Texas.",
      "Mexico's government said it had not been told of the operation in advance. Zambada's lawyer later "
      "said his client had been brought to the United States against his will. Analysts warned that the "
      "arrest could split the cartel's factions and bring violence to Sinaloa."]),
    ("mexico-sends-29-prisoners-to-the-united-states", "2025-02-28T09:00:00-05:00", "organized-crime",
     ["vmateoszuniga"], ["extradition", COOPERATION, "Sinaloa Cartel"],
     "Mexico sends 29 prisoners wanted in the United States, including Rafael Caro Quintero",
     "The transfer, made outside the usual extradition process, came as Washington pressed Mexico for "
     "results against fentanyl trafficking.",
     ["Mexico transferred 29 people held in its prisons to the United States on February 27, 2025. Among "
      "them was Rafael Caro Quintero, wanted in the 1985 killing of U.S. Drug Enforcement Administration "
      "agent Enrique \"Kiki\" Camarena.",
      "Mexican officials said the transfer was a decision of the National Security Council rather than an "
      "extradition under the bilateral treaty. It came days after Washington designated several Mexican "
      "cartels as terrorist organizations and while tariffs on Mexican goods were being threatened."]),
    ("sinaloa-violence-after-the-split", "2024-10-01T09:00:00-04:00", "crime-and-violence",
     ["daniel-ortiz"], ["Sinaloa Cartel", "rule of law"],
     "Culiacán lives through a war between Sinaloa Cartel factions",
     "Since early September, fighting between Los Chapitos and the faction loyal to \"El Mayo\" Zambada "
     "has closed schools and emptied streets.",
     ["Violence in Sinaloa rose sharply in September 2024 as the cartel's two main factions turned on each "
      "other after the arrest of Ismael \"El Mayo\" Zambada in Texas. State authorities reported dozens of "
      "killings and disappearances in the first weeks alone.",
      "In Culiacán, the state capital, schools suspended classes on several days, businesses closed early "
      "and Independence Day celebrations were cancelled. Federal forces were sent to the state, but the "
      "fighting continued into the autumn."]),
    ("ayotzinapa-ten-years-on", "2024-09-26T09:00:00-04:00", "crime-and-violence",
     ["lucia-herrera"], ["rule of law", "Mexican politics"],
     "Ten years after Ayotzinapa, the families of the 43 are still waiting",
     "A decade after the disappearance of 43 students in Iguala, Guerrero, the investigation has changed "
     "hands and theories several times.",
     ["On the night of September 26, 2014, 43 students of the Ayotzinapa rural teachers' college were "
      "attacked in Iguala, Guerrero, and disappeared. The remains of only a few of them have been "
      "identified.",
      "The official account given in 2015 was later discredited, and a truth commission set up in 2019 "
      "described the case as a crime of the state. Arrests of soldiers and officials followed, along with "
      "the release of others on procedural grounds. The parents have marched every month since 2014."]),
    ("garcia-luna-sentenced-in-new-york", "2024-10-17T09:00:00-04:00", "organized-crime",
     ["vmateoszuniga"], ["Sinaloa Cartel", "rule of law", COOPERATION],
     "Mexico's former security chief Genaro García Luna is sentenced to more than 38 years",
     "A Brooklyn jury found that the man who led Mexico's war on the cartels had taken their money.",
     ["A federal judge in Brooklyn sentenced Genaro García Luna, Mexico's Secretary of Public Security "
      "from 2006 to 2012, to more than 38 years in prison on October 16, 2024. A jury had convicted him in "
      "February 2023 of taking bribes from the Sinaloa Cartel.",
      "García Luna was the highest-ranking Mexican official ever tried in the United States. Prosecutors "
      "built the case largely on the testimony of former traffickers. In Mexico the verdict fed a debate "
      "about how far U.S. agencies had trusted him while he was in office."]),
    ("governing-coalition-wins-supermajority", "2024-08-26T09:00:00-04:00", "politics",
     ["lucia-herrera"], ["Mexican politics", "rule of law"],
     "Governing coalition secures two-thirds of Mexico's lower house",
     "The allocation of proportional seats gives Morena and its allies the votes to amend the "
     "constitution in the Chamber of Deputies.",
     ["Mexico's electoral authorities confirmed in August 2024 how the proportional-representation seats "
      "from the June election would be shared out. The result gives Morena and its allies, the Labour Party "
      "and the Green Party, more than two-thirds of the Chamber of Deputies.",
      "A two-thirds majority in both chambers is needed to change the constitution. Opposition parties "
      "argued that the coalition's share of seats exceeded its share of the vote; the coalition said it "
      "had applied the rules used in earlier elections. The new Congress took its seats on September 1."]),
    ("sheinbaum-takes-office", "2024-10-02T09:00:00-04:00", "politics",
     ["lucia-herrera"], ["Mexican politics", COOPERATION],
     "Claudia Sheinbaum takes office as Mexico's first woman president",
     "In her inaugural speech she promised continuity with her predecessor and a security policy built on "
     "intelligence and investigation.",
     ["Claudia Sheinbaum was sworn in as president of Mexico on October 1, 2024, after winning the June "
      "election by a wide margin. She is the first woman to hold the office.",
      "She named Omar García Harfuch, Mexico City's former security chief, as Secretary of Security and "
      "Citizen Protection, and said relations with the United States would rest on cooperation between "
      "equals and respect for sovereignty."]),
    ("sheinbaum-security-strategy", "2024-10-10T09:00:00-04:00", "security-policy",
     ["daniel-ortiz"], ["Mexican politics", "rule of law", COOPERATION],
     "The new government's security strategy puts intelligence first",
     "Omar García Harfuch presented a plan built on investigation, a consolidated National Guard and "
     "closer work with state prosecutors.",
     ["Mexico's new Secretary of Security, Omar García Harfuch, presented the federal security strategy in "
      "October 2024. It rests on four lines: addressing the causes of violence, consolidating the National "
      "Guard, strengthening intelligence and investigation, and coordinating with the states.",
      "Officials said the aim was to reduce homicides and extortion by dismantling the networks behind "
      "them. U.S. officials welcomed the emphasis on investigation, which matches the priorities agreed in "
      "the Bicentennial Framework."]),
    ("what-is-the-cjng", "2024-11-05T09:00:00-05:00", "organized-crime",
     ["daniel-ortiz"], ["explainer", "CJNG", COOPERATION],
     "Explainer: the Jalisco New Generation Cartel",
     "The CJNG grew in little more than a decade into one of the two most powerful criminal groups in "
     "Mexico. Here is what is known about it.",
     ["The Jalisco New Generation Cartel (CJNG) emerged around 2010 in western Mexico and expanded quickly "
      "through violence and franchise-like alliances. Its leader, Nemesio Oseguera Cervantes, known as "
      "\"El Mencho\", is wanted in the United States, which offers a reward of up to $15 million for "
      "information leading to his arrest.",
      "U.S. authorities say the group traffics fentanyl and methamphetamine and launders money through "
      "businesses in Mexico and abroad, including timeshare fraud aimed at older Americans. The Treasury "
      "has sanctioned dozens of people and companies tied to it."]),
    ("straw-purchase-law-and-southbound-guns", "2024-12-03T09:00:00-05:00", "security-policy",
     ["sarah-whitman"], ["arms trafficking", COOPERATION, "border"],
     "A 2022 law gives prosecutors new tools against guns bound for Mexico",
     "Straw purchasing and gun trafficking became federal crimes in their own right. Prosecutors near the "
     "border are using them.",
     ["The Bipartisan Safer Communities Act, signed in June 2022, made straw purchasing of firearms and gun "
      "trafficking separate federal offences, with longer sentences than the paperwork charges prosecutors "
      "had relied on before.",
      "U.S. attorneys in Arizona and Texas have since brought cases against buyers who purchased rifles "
      "for people who sent them south. Mexican officials say most guns recovered at crime scenes in Mexico "
      "come from the United States, and have asked for more such cases."]),
    ("how-extradition-works", "2025-01-14T09:00:00-05:00", "security-policy",
     ["vmateoszuniga"], ["explainer", "extradition", COOPERATION],
     "Explainer: how extradition works between Mexico and the United States",
     "A treaty from 1978 sets the rules. The process can take years, and not every transfer goes through it.",
     ["Extradition between the two countries rests on a treaty signed in 1978. A request goes through "
      "diplomatic channels, a judge in the requested country rules on it, and the foreign ministry makes "
      "the final decision. Appeals and injunctions can delay the process for years.",
      "Each country may decline to hand over its own nationals, though Mexico has extradited many of its "
      "citizens to the United States. Governments sometimes use other legal routes, such as deportation or "
      "transfers decided on national security grounds."]),
    ("cbp-one-appointments-end", "2025-01-21T09:00:00-05:00", "migration",
     ["sarah-whitman"], ["migration", "border"],
     "CBP One appointments end, and thousands of scheduled migrants are turned away",
     "The app that had become the main route to a port-of-entry appointment stopped scheduling them on "
     "the first day of the new administration.",
     ["U.S. Customs and Border Protection stopped scheduling appointments through the CBP One app on "
      "January 20, 2025, and cancelled those already made. People waiting in northern Mexico for dates in "
      "the following weeks were left without one.",
      "Since January 2023 the app had been the main way for migrants in Mexico to request an appointment "
      "at a port of entry. Shelters in Tijuana and Ciudad Juárez reported that many of the people staying "
      "with them had no plan for what to do next."]),
    ("cartels-designated-terrorist-organizations", "2025-02-21T09:00:00-05:00", "security-policy",
     ["daniel-ortiz"], ["Sinaloa Cartel", "CJNG", COOPERATION, "sanctions"],
     "Washington designates Mexican cartels as terrorist organizations",
     "The Sinaloa Cartel and the CJNG are among the groups now on the State Department's list of foreign "
     "terrorist organizations.",
     ["The State Department designated eight criminal organizations as foreign terrorist organizations on "
      "February 20, 2025. Six are Mexican, among them the Sinaloa Cartel and the Jalisco New Generation "
      "Cartel.",
      "The designation makes it a crime to give the groups material support and widens the sanctions that "
      "can be used against their finances. Mexico's government said it would cooperate but would not "
      "accept any intervention on its territory."]),
    ("tariffs-and-the-usmca-exemption", "2025-03-07T09:00:00-05:00", "trade",
     ["lucia-herrera"], ["trade", "USMCA", COOPERATION],
     "Tariffs on Mexican goods, then an exemption for trade under the USMCA",
     "Within days of imposing 25 percent tariffs, Washington exempted goods that meet the trade agreement's "
     "rules of origin.",
     ["The United States imposed 25 percent tariffs on imports from Mexico on March 4, 2025, linking them "
      "to fentanyl and migration. Two days later it exempted goods that qualify under the USMCA's rules of "
      "origin, which cover most of what Mexico sells to the United States.",
      "Exporters that had not certified their goods under the agreement rushed to do so. Mexican officials "
      "pointed to the prisoner transfer and the deployment of troops to the border as evidence of their "
      "cooperation."]),
    ("fentanyl-overdose-deaths-decline", "2025-05-20T09:00:00-04:00", "organized-crime",
     ["daniel-ortiz"], ["fentanyl", "explainer", COOPERATION],
     "U.S. overdose deaths fall, and officials on both sides claim some of the credit",
     "Provisional federal data show a marked drop in deaths involving synthetic opioids. Experts point to "
     "several causes at once.",
     ["Provisional data from the U.S. Centers for Disease Control and Prevention show that overdose deaths "
      "fell sharply in 2024 after peaking at more than 100,000 a year. Most of the deaths still involve "
      "synthetic opioids, chiefly fentanyl.",
      "Researchers credit wider access to naloxone and treatment, changes in the drug supply and shifts "
      "in drug use. Officials in both countries also point to seizures and to controls on precursor "
      "chemicals."]),
    ("judicial-election-turnout", "2025-06-03T09:00:00-04:00", "justice-and-courts",
     ["lucia-herrera"], ["rule of law", "Mexican politics"],
     "Mexico elects its judges for the first time, with low turnout",
     "Voters chose Supreme Court justices and hundreds of federal judges on June 1. Most stayed home.",
     ["Mexico held its first election of judges on June 1, 2025, under the judicial reform approved in "
      "September 2024. Voters chose the nine justices of a smaller Supreme Court and hundreds of federal "
      "judges and magistrates.",
      "The National Electoral Institute put turnout at around 13 percent. Supporters said the vote made the "
      "courts answerable to citizens; critics said long ballots of unknown candidates favoured those backed "
      "by the governing party."]),
    ("supreme-court-rules-on-mexico-gun-suit", "2025-06-06T09:00:00-04:00", "justice-and-courts",
     ["sarah-whitman"], ["arms trafficking", "rule of law"],
     "U.S. Supreme Court ends Mexico's lawsuit against American gun makers",
     "The justices ruled unanimously that a federal law shields the manufacturers from the suit.",
     ["The U.S. Supreme Court ruled on June 5, 2025 that Mexico's lawsuit against American gun "
      "manufacturers cannot go ahead. The justices held unanimously that the Protection of Lawful Commerce "
      "in Arms Act bars the claims, because Mexico had not plausibly shown that the companies aided and "
      "abetted illegal sales.",
      "Mexico had argued that the industry's practices fed the flow of weapons to cartels. Its government "
      "said it would keep pressing the case against arms trafficking through other channels."]),
    ("ciudad-juarez-detention-centre-fire", "2023-03-29T09:00:00-04:00", "migration",
     ["sarah-whitman"], ["migration", "rule of law"],
     "Forty men die in a fire at a migrant detention centre in Ciudad Juárez",
     "The men were locked in a cell when the fire started. Officials of the National Migration Institute "
     "face charges.",
     ["A fire at a National Migration Institute facility in Ciudad Juárez, across the border from El Paso, "
      "killed 40 men on the night of March 27, 2023. Most were from Guatemala, Honduras, Venezuela and El "
      "Salvador.",
      "Security footage showed guards leaving as smoke filled the cell. Prosecutors charged officials of "
      "the institute and the private security company, and the case prompted calls in Mexico to end the "
      "detention of migrants."]),
    ("darien-crossings-record", "2024-01-10T09:00:00-05:00", "migration",
     ["sarah-whitman"], ["migration", COOPERATION],
     "More than half a million people crossed the Darién Gap in 2023",
     "A record number of migrants walked through the jungle between Colombia and Panama on their way north.",
     ["Panamanian authorities counted more than 500,000 people crossing the Darién Gap in 2023, more than "
      "in any earlier year. Venezuelans were the largest group, followed by Ecuadorians, Haitians and a "
      "growing number of people from outside the Americas.",
      "Most continued north through Central America and Mexico toward the U.S. border. The numbers shaped "
      "talks between Washington, Mexico City and Panama on how to share the work of processing and "
      "protecting migrants along the route."]),
    ("remittances-record-2024", "2025-02-04T09:00:00-05:00", "economy",
     ["lucia-herrera"], ["remittances", "migration"],
     "Remittances to Mexico stay close to their record",
     "Money sent home by Mexicans abroad, mostly from the United States, remains one of the country's "
     "largest sources of foreign income.",
     ["Bank of Mexico figures show that remittances stayed above $60 billion in 2024, close to the record "
      "set the year before. Almost all of the money comes from workers in the United States.",
      "For many households in states such as Michoacán, Guanajuato and Jalisco, the transfers pay for food, "
      "housing and schooling. Economists watch them closely for signs of how U.S. migration policy and the "
      "U.S. labour market are changing."]),
]  # fmt: skip


def as_story(slug, published_at, category, authors, tags, headline, standfirst, paragraphs):
    return {
        "slug": slug,
        "headline": headline,
        "standfirst": standfirst,
        "published_at": published_at,
        "category": category,
        "authors": authors,
        "tags": tags,
        "body": "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs),
    }


STORIES = [as_story(*brief) for brief in BRIEFS]
