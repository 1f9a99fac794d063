"""Development themes for the demo coachees whose story is not written out session by
session (see demo_stories.py for those that are). Each theme has a triad agreement, a
development chain, and a run of sessions; ``{first}`` is the coachee's first name and
``{client}``/``{client2}`` are clients of that coachee. Commitments carry a reflection
for each way they can turn out: (text, done, partly, not done, days to the due date).
All text was written for this demo.
"""

from __future__ import annotations

from typing import Any

C = "coach"
S = "seller"
PRIV = "private"
PAIR = "coach_and_seller"
SHARED = "shared_with_manager"

THEMES: dict[str, dict[str, Any]] = {
    "discovery": {
        "result": "{first} stelt in elk eerste gesprek eerst vragen over de situatie en de gevolgen voor de klant, "
        "zodat meer eerste gesprekken tot een offerte leiden.",
        "chain": [
            (
                "p",
                "pitfall",
                "Ik begin te vroeg over onze oplossing, nog voordat ik weet wat de klant echt dwarszit.",
                None,
            ),
            (
                "o",
                "opportunity",
                "Met open vragen het probleem en de gevolgen voor de klant helder krijgen.",
                "p",
            ),
            ("c", "choice", "De eerste twintig minuten van een gesprek stel ik alleen vragen.", "o"),
            ("b", "belief", "De klant overtuigt zichzelf als hij zijn eigen probleem hardop hoort.", "c"),
            ("h", "behaviour", "Na elk antwoord vat ik samen voordat ik een nieuwe vraag stel.", "b"),
            ("r", "result", "Meer eerste gesprekken die tot een offerte leiden.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Mijn eerste gesprekken leveren weinig offertes op.",
                "coach": "{first} ziet zelf dat de gesprekken snel over het product gaan. Bij {client} wist {first} na "
                "afloop niet wie er nog meer meebeslist.",
                "seller": "Ik wil leren hoe ik het gesprek langer bij de klant houd.",
                "outcomes": "{first} wil de komende gesprekken eerst bijhouden wat er gevraagd wordt.",
                "commitment": (
                    "Na de volgende drie eerste gesprekken opschrijven welke vragen ik stelde.",
                    "Gedaan. Ik stelde vooral vragen over hun systemen, nauwelijks over wat het hun kost.",
                    "Bij twee gesprekken gedaan; het derde vergat ik.",
                    "Niet gedaan, de week liep vol met offertes.",
                    14,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Wat mijn aantekeningen laten zien.",
                "coach": "{first} kiest een paar vragen die verder gaan: wat het probleem kost, wie er last van heeft, wat "
                "er gebeurt als het zo blijft.",
                "outcomes": "Eigen vragenrij gemaakt.",
                "commitment": (
                    "De nieuwe vragen gebruiken bij {client}.",
                    "Bij {client} kwam er een probleem op tafel dat ik niet had verwacht: hun planning loopt "
                    "elke maand vast.",
                    "Twee van de vier vragen gesteld; toen wilde de klant de demo zien.",
                    "Het gesprek met {client} werd verzet, dus nog niet gedaan.",
                    14,
                ),
                "plan": ["o", "c"],
                "share": "Ik werk aan betere eerste gesprekken: eerst vragen, dan pas de oplossing.",
            },
            {
                "agenda": "De klant wil altijd meteen een demo zien. Wat doe ik dan?",
                "coach": "{first} bedacht zelf een antwoord: 'Graag, en zodat ik het juiste laat zien: wat wilt u vooral "
                "zien en waarom?'",
                "outcomes": "Een eigen zin om de demo-vraag te beantwoorden met een vraag.",
                "commitment": (
                    "Bij de volgende demo-vraag eerst vragen wat de klant vooral wil zien.",
                    "Gedaan bij {client2}. De demo duurde daardoor half zo lang en ging precies over hun "
                    "probleem.",
                    "Eén keer gedaan; de tweede keer ging ik toch meteen laten zien.",
                    "Er kwam geen demo-vraag voorbij.",
                    14,
                ),
                "plan": ["b"],
            },
            {
                "agenda": "Samenvatten voelt onnatuurlijk.",
                "coach": "Wanneer het wel natuurlijk voelt: bij klanten die {first} al kent. {first} kiest voor een korte "
                "vorm: 'Als ik u goed begrijp…'",
                "outcomes": "Korte samenvatzin gekozen.",
                "commitment": (
                    "In elk klantgesprek deze week minstens twee keer samenvatten.",
                    "Gedaan, en klanten vulden het vaak zelf aan. Dat leverde veel op.",
                    "Soms gedaan; in de drukke gesprekken vergat ik het.",
                    "Vergeten. Ik wil er een notitie in mijn schrift voor maken.",
                    7,
                ),
                "plan": ["h"],
            },
            {
                "agenda": "Terugblik: wat is er veranderd sinds we begonnen?",
                "coach": "{first} telt zelf: meer offertes uit eerste gesprekken dan een kwartaal terug. Wat het verschil "
                "maakt volgens {first}: de vraag naar de gevolgen.",
                "outcomes": "Resultaat in het plan gezet.",
                "commitment": (
                    "De vragenrij delen met een collega die net begint.",
                    "Gedaan; we hebben er samen een half uur over gepraat.",
                    "Afgesproken, maar nog niet gezien.",
                    "Nog niet aan toegekomen.",
                    21,
                ),
                "plan": ["r"],
                "share": "Meer offertes uit eerste gesprekken dit kwartaal. Wat volgens mij het verschil maakt: ik vraag "
                "nu altijd naar de gevolgen van het probleem.",
            },
        ],
        "weak": "needs_discovery",
    },
    "price": {
        "result": "{first} onderhandelt over waarde in plaats van prijs en houdt de gemiddelde korting onder de 10%.",
        "chain": [
            ("p", "pitfall", "Als een klant over prijs begint, bied ik meteen korting aan.", None),
            ("o", "opportunity", "Eerst begrijpen wat er achter een prijsvraag zit.", "p"),
            ("c", "choice", "Ik geef nooit korting zonder er iets voor terug te vragen.", "o"),
            ("b", "belief", "Een klant die om korting vraagt, is meestal al bijna klant.", "c"),
            ("h", "behaviour", "Bij elke prijsvraag vraag ik eerst: waar vergelijkt u ons mee?", "b"),
            ("r", "result", "Gemiddelde korting onder de 10%, zonder meer verloren offertes.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Ik geef te snel korting.",
                "coach": "{first} rekent zelf uit dat de gemiddelde korting afgelopen kwartaal 15% was. Bij {client} kwam "
                "de korting al ter sprake voordat de klant erom vroeg.",
                "outcomes": "{first} wil eerst zien wanneer de korting ter sprake komt en door wie.",
                "commitment": (
                    "Bij elke offerte opschrijven wie als eerste over korting begon.",
                    "Bij vijf van de zes offertes was ik het zelf.",
                    "Bij de helft bijgehouden; de rest ging te snel.",
                    "Niet gedaan, ik had er geen moment voor.",
                    14,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Wat doe ik als de klant zegt dat we te duur zijn?",
                "coach": "{first} kiest ervoor eerst te vragen waar de klant ons mee vergelijkt. Vaak blijken het "
                "appels en peren, zegt {first} zelf.",
                "outcomes": "Een eerste vraag bij 'te duur'.",
                "commitment": (
                    "Bij de volgende prijsvraag vragen waar de klant ons mee vergelijkt.",
                    "Bij {client} bleek het om een pakket zonder ondersteuning te gaan. Geen korting gegeven.",
                    "Eén keer gevraagd; bij de tweede klant gaf ik toch 5%.",
                    "Er kwam geen prijsvraag.",
                    14,
                ),
                "plan": ["o"],
            },
            {
                "agenda": "Wat kan ik terugvragen als ik wel korting geef?",
                "coach": "{first} schreef zelf een lijstje ruilmiddelen: langere looptijd, eerder tekenen, een "
                "referentie, meer vestigingen.",
                "outcomes": "Ruilmiddelen op papier.",
                "commitment": (
                    "Bij {client2} korting alleen bespreken in ruil voor iets van het lijstje.",
                    "Gelukt: 5% in ruil voor drie jaar looptijd.",
                    "Het werd 8% voor twee jaar; beter dan voorheen.",
                    "De klant ging zonder korting akkoord, dus niet nodig geweest.",
                    14,
                ),
                "plan": ["c", "b"],
                "share": "Ik geef korting voortaan alleen in ruil voor looptijd, volume of een referentie.",
            },
            {
                "agenda": "Eind van het kwartaal en de druk loopt op.",
                "coach": "{first} merkt dat de druk vooral uit de forecast komt. Wat {first} zelf in de hand heeft: wanneer "
                "de prijs in het gesprek komt.",
                "private": "Spanning tussen target en ontwikkeling. Bij {first} houden; de forecast is niet mijn terrein.",
                "outcomes": "{first} bespreekt prijs voortaan bij de offerte, niet in de laatste week.",
                "commitment": (
                    "De prijs in de volgende twee offertes zelf noemen en dan stil zijn.",
                    "Lastig, maar gedaan. Eén klant tekende zonder te onderhandelen.",
                    "Eén keer gelukt; bij de ander vulde ik de stilte met een korting.",
                    "Niet gelukt; ik praatte door.",
                    10,
                ),
                "plan": ["h"],
            },
            {
                "agenda": "Waar sta ik nu?",
                "coach": "Gemiddelde korting dit kwartaal 9%. {first} noemt het zelf het grootste verschil van het jaar.",
                "outcomes": "Resultaat bereikt.",
                "commitment": (
                    "Een collega vertellen hoe ik nu met kortingen omga.",
                    "Gedaan in het teamoverleg.",
                    "Nog half.",
                    "Nog niet aan toegekomen.",
                    21,
                ),
                "plan": ["r"],
                "share": "Mijn gemiddelde korting dit kwartaal: 9%, tegen 15% een jaar geleden.",
            },
        ],
        "weak": "handling_objections",
    },
    "closing": {
        "result": "{first} sluit elk klantgesprek af met een concrete vervolgstap met datum, zodat offertes sneller "
        "beslist worden.",
        "chain": [
            ("p", "pitfall", "Mijn gesprekken eindigen met 'we horen van elkaar'.", None),
            ("o", "opportunity", "Aan het eind van elk gesprek samen de volgende stap vastleggen.", "p"),
            ("c", "choice", "Ik ga geen gesprek uit zonder datum voor het vervolg.", "o"),
            ("b", "belief", "Om een vervolgstap vragen is de klant helpen beslissen, geen drammen.", "c"),
            (
                "h",
                "behaviour",
                "Ik vat het gesprek samen en vraag: wat is voor u de volgende stap, en wanneer?",
                "b",
            ),
            ("r", "result", "Minder offertes die blijven liggen; kortere doorlooptijd.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Offertes blijven liggen en ik weet niet waarom.",
                "coach": "{first} telt negen offertes die langer dan een maand openstaan. Bij geen ervan is een "
                "vervolgafspraak gemaakt.",
                "outcomes": "{first} kiest ervoor eerst de open offertes na te lopen.",
                "commitment": (
                    "De negen open offertes nalopen: wie beslist er en wanneer?",
                    "Gedaan. Drie blijken dood, vier hebben een datum, twee klanten bellen nog terug.",
                    "Vijf nagelopen.",
                    "Nog niet aan toegekomen.",
                    10,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Hoe vraag ik om een vervolgstap zonder opdringerig te zijn?",
                "coach": "{first} vindt het 'drammen'. Wanneer het wel goed voelt: als de klant zelf enthousiast is. "
                "{first} kiest een zin: 'Wat is voor u een logische volgende stap?'",
                "outcomes": "Eigen afsluitvraag gekozen.",
                "commitment": (
                    "De afsluitvraag stellen bij {client}.",
                    "Gedaan; we hebben een workshop gepland met hun planners.",
                    "Gesteld, maar zonder datum gebleven.",
                    "Het gesprek werd afgezegd.",
                    10,
                ),
                "plan": ["o", "b"],
            },
            {
                "agenda": "Ik durf geen datum te vragen.",
                "coach": "{first} probeert het uit in het gesprek, met mij als klant. Na drie keer voelt het al gewoner.",
                "outcomes": "Geoefend; {first} gaat voor een datum.",
                "commitment": (
                    "In elk klantgesprek deze week een datum voor het vervolg vragen.",
                    "Vier van de vijf keer een datum.",
                    "Twee keer.",
                    "Niet gelukt, ik kreeg het niet over mijn lippen.",
                    7,
                ),
                "plan": ["c"],
                "share": "Ik werk eraan om elk gesprek af te sluiten met een datum voor het vervolg.",
            },
            {
                "agenda": "Terugblik op de doorlooptijd van mijn offertes.",
                "coach": "{first} ziet zelf dat offertes met een vervolgafspraak gemiddeld drie weken sneller beslist "
                "worden.",
                "outcomes": "Het effect is zichtbaar; {first} zet de gewoonte in het plan.",
                "commitment": (
                    "Bij {client2} samenvatten en naar hun volgende stap vragen.",
                    "Gedaan; ze beslissen op de 15e.",
                    "Samengevat, de vraag vergeten.",
                    "Nog niet gesproken.",
                    14,
                ),
                "plan": ["h", "r"],
            },
        ],
        "weak": "closing",
    },
    "prospecting": {
        "result": "{first} bouwt een eigen pijplijn op met nieuwe klanten: vijftien eerste gesprekken per kwartaal uit "
        "eigen acquisitie.",
        "chain": [
            (
                "p",
                "pitfall",
                "Ik stel nieuwe klanten benaderen uit en werk vooral met bestaande klanten.",
                None,
            ),
            ("o", "opportunity", "Een vaste, eigen manier vinden om nieuwe klanten te benaderen.", "p"),
            ("c", "choice", "Ik benader nieuwe klanten alleen met een concrete aanleiding.", "o"),
            ("b", "belief", "Een goed getimed telefoontje is voor de klant nuttig, geen storing.", "c"),
            ("h", "behaviour", "Twee vaste uren per week voor acquisitie, die ik niet verschuif.", "b"),
            ("r", "result", "Vijftien eerste gesprekken per kwartaal uit eigen acquisitie.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Ik kom niet toe aan nieuwe klanten.",
                "coach": "{first} houdt een week bij waar de tijd heen gaat: bijna alles naar bestaande klanten en "
                "interne vragen.",
                "outcomes": "{first} wil eerst weten waar tijd te winnen is.",
                "commitment": (
                    "Een week bijhouden waar mijn tijd naartoe gaat.",
                    "Gedaan: acht uur aan interne vragen die anderen ook kunnen beantwoorden.",
                    "Drie dagen bijgehouden.",
                    "Niet gedaan.",
                    10,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Koud bellen vind ik vreselijk.",
                "coach": "{first} ontdekt dat het 'koude' het probleem is. Met een aanleiding (groei, verhuizing, nieuwe "
                "directeur) voelt bellen anders.",
                "outcomes": "Bellen met een aanleiding.",
                "commitment": (
                    "Tien bedrijven opzoeken met een aanleiding om te bellen.",
                    "Twaalf gevonden via vacatures en nieuwsberichten.",
                    "Zes gevonden.",
                    "Niet aan toegekomen.",
                    10,
                ),
                "plan": ["o", "c"],
            },
            {
                "agenda": "De eerste telefoontjes.",
                "coach": "Vijf gebeld, twee afspraken. {first} merkt dat de opening over hun groei goed werkt.",
                "outcomes": "Opening werkt; {first} wil er een gewoonte van maken.",
                "commitment": (
                    "Elke week twee uur acquisitie inplannen, op een vaste dag.",
                    "Drie weken op rij gelukt.",
                    "Twee van de drie weken.",
                    "De eerste week schoof ik het al door.",
                    21,
                ),
                "plan": ["b", "h"],
                "share": "Ik heb nu een vast acquisitieblok van twee uur per week. Graag geen overleggen op die ochtend.",
            },
            {
                "agenda": "Terugblik op het kwartaal.",
                "coach": "{first} telt elf eerste gesprekken uit eigen acquisitie. Het doel van vijftien komt in zicht.",
                "outcomes": "Elf eerste gesprekken.",
                "commitment": (
                    "Bij {client} vragen wie ze nog meer kennen met dezelfde vraag.",
                    "Twee namen gekregen.",
                    "Gevraagd, nog geen namen.",
                    "Nog niet gedaan.",
                    14,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "opening",
    },
    "time": {
        "result": "{first} werkt minder reactief: de pijplijn is elke vrijdag bijgewerkt en er gaat elke week tijd naar "
        "de belangrijkste kansen.",
        "chain": [
            (
                "p",
                "pitfall",
                "Ik reageer op alles wat binnenkomt en kom niet aan mijn belangrijkste kansen toe.",
                None,
            ),
            ("o", "opportunity", "Zelf kiezen waar mijn tijd naartoe gaat.", "p"),
            ("c", "choice", "Elke maandag kies ik mijn drie belangrijkste kansen van de week.", "o"),
            ("b", "belief", "Niet alles wat dringend is, is belangrijk.", "c"),
            ("h", "behaviour", "Op vrijdag werk ik mijn pijplijn bij en plan ik de week erna.", "b"),
            ("r", "result", "Een betrouwbare forecast en meer tijd bij de grootste kansen.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Ik ben de hele dag druk en toch schiet het niet op.",
                "coach": "{first} noemt zichzelf 'de brandweer van het team'. Dat geeft voldoening, maar de grote "
                "kansen blijven liggen.",
                "private": "Veel energie, weinig focus. Kijken of {first} zelf de keuze wil maken; niet invullen.",
                "outcomes": "{first} wil zien waar de tijd heen gaat.",
                "commitment": (
                    "Een week bijhouden welke verzoeken ik aanneem en van wie.",
                    "Gedaan. Zeventien verzoeken, waarvan negen voor anderen.",
                    "Drie dagen gelukt.",
                    "Niet gelukt; het was te druk om bij te houden.",
                    10,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Wat laat ik liggen?",
                "coach": "{first} kiest zelf drie soorten verzoeken die voortaan naar de binnendienst gaan.",
                "outcomes": "Drie soorten verzoeken worden doorgestuurd.",
                "commitment": (
                    "Elke maandag mijn drie belangrijkste kansen van de week opschrijven.",
                    "Vier maandagen gedaan.",
                    "Twee keer gedaan.",
                    "Vergeten.",
                    28,
                ),
                "plan": ["o", "c"],
            },
            {
                "agenda": "Mijn pijplijn klopt niet.",
                "coach": "{first} ziet dat de pijplijn in het CRM achterloopt op wat er echt speelt, en wil daar een "
                "vast moment voor.",
                "outcomes": "Vrijdagmiddag wordt pijplijnmoment.",
                "commitment": (
                    "Elke vrijdag een half uur de pijplijn bijwerken.",
                    "Drie vrijdagen gelukt.",
                    "Eén keer gelukt.",
                    "Niet gelukt, vrijdagen zijn te druk.",
                    21,
                ),
                "plan": ["b", "h"],
                "share": "Ik werk mijn pijplijn voortaan elke vrijdag bij, zodat de forecast beter klopt.",
            },
            {
                "agenda": "Hoe houd ik dit vol als het weer druk wordt?",
                "coach": "{first} merkt dat het in drukke weken als eerste sneuvelt. Kleinste stap: het vrijdagmoment in "
                "de agenda zetten als afspraak met zichzelf.",
                "outcomes": "Vaste afspraak met zichzelf.",
                "commitment": (
                    "Het vrijdagmoment als terugkerende afspraak in mijn agenda zetten.",
                    "Staat erin en wordt gerespecteerd.",
                    "Staat erin, twee keer overgeslagen.",
                    "Nog niet gedaan.",
                    7,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "preparation",
    },
    "executive": {
        "result": "{first} voert gesprekken met directie over hun bedrijfsdoelen in plaats van over techniek, en wint "
        "daardoor grotere opdrachten.",
        "chain": [
            ("p", "pitfall", "Bij directeuren praat ik over functies in plaats van over hun bedrijf.", None),
            ("o", "opportunity", "Gesprekken voeren over de doelen en zorgen van de directie.", "p"),
            ("c", "choice", "Ik bereid elk directiegesprek voor met hun jaarverslag of plannen.", "o"),
            ("b", "belief", "Ik mag een directeur net zo goed vragen stellen als een IT-manager.", "c"),
            (
                "h",
                "behaviour",
                "Ik open elk directiegesprek met een vraag over hun plannen voor het komende jaar.",
                "b",
            ),
            ("r", "result", "Grotere opdrachten, beslist op directieniveau.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Directeuren haken bij mij snel af.",
                "coach": "Bij {client} vroeg de directeur na tien minuten of het 'wat korter kon'. {first} herkent dat "
                "het gesprek over techniek ging.",
                "seller": "Ik voel me bij directeuren niet zeker, dus ik val terug op wat ik goed ken: het product.",
                "outcomes": "{first} wil leren praten over wat een directeur bezighoudt.",
                "commitment": (
                    "Het jaarverslag van {client} lezen en drie vragen opschrijven over hun plannen.",
                    "Gedaan; ze willen over twee jaar in Duitsland zitten.",
                    "Half gelezen.",
                    "Niet gedaan.",
                    10,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Welke vragen stel ik een directeur?",
                "coach": "{first} kiest vragen over groei, risico's en mensen, en laat de techniek voor het "
                "vervolggesprek met IT.",
                "outcomes": "Vragen voor directiegesprekken.",
                "commitment": (
                    "Het volgende directiegesprek openen met hun plannen voor het komende jaar.",
                    "De directeur van {client2} praatte een kwartier over hun overname.",
                    "Geopend met plannen, daarna toch weer snel naar de techniek.",
                    "Het gesprek werd verplaatst.",
                    14,
                ),
                "plan": ["o", "c"],
            },
            {
                "agenda": "Waarde laten zien zonder productpraat.",
                "coach": "{first} vertaalt zelf drie functies naar wat ze de directie opleveren: minder uitval, sneller "
                "factureren, minder afhankelijk van één medewerker.",
                "outcomes": "Drie waardezinnen in de taal van de directie.",
                "commitment": (
                    "De waardezinnen gebruiken in het voorstel voor {client}.",
                    "Voorstel in twee pagina's in plaats van tien. De directeur belde zelf terug.",
                    "Eén pagina herschreven.",
                    "Het voorstel was al verstuurd.",
                    14,
                ),
                "plan": ["b", "h"],
                "share": "Ik schrijf voorstellen voor directies voortaan op twee pagina's, in hun taal.",
            },
            {
                "agenda": "Terugblik: wat is er veranderd in mijn directiegesprekken?",
                "coach": "{first} merkt dat directeuren langer blijven en zelf vervolgafspraken voorstellen.",
                "outcomes": "Directiegesprekken voelen anders.",
                "commitment": (
                    "Een directiegesprek voorbereiden met een collega van Team Zuid.",
                    "Gedaan, we leerden allebei.",
                    "Afspraak gemaakt.",
                    "Niet aan toegekomen.",
                    21,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "presenting_value",
    },
    "phone": {
        "result": "{first} belt elke verstuurde offerte binnen vijf werkdagen na en bespreekt dan de beslissing, zodat "
        "meer offertes omgezet worden.",
        "chain": [
            ("p", "pitfall", "Ik stel het nabellen van offertes uit omdat ik een nee vrees.", None),
            ("o", "opportunity", "Nabellen als een gesprek zien in plaats van een controle.", "p"),
            ("c", "choice", "Binnen vijf werkdagen bel ik elke offerte na.", "o"),
            ("b", "belief", "Een nee is ook een antwoord waar ik verder mee kan.", "c"),
            (
                "h",
                "behaviour",
                "Ik open het nabellen met een vraag over hun afweging, niet met 'heeft u de offerte "
                "ontvangen?'",
                "b",
            ),
            ("r", "result", "Meer offertes omgezet en minder die eindeloos blijven liggen.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Nabellen vind ik moeilijk.",
                "coach": "{first} heeft veertien offertes uitstaan die niet zijn nagebeld. De angst: 'dat ze nee zeggen'.",
                "seller": "Als ik niet bel, is er ook nog geen nee.",
                "outcomes": "{first} kijkt naar wat er gebeurt als een klant wel nee zegt.",
                "commitment": (
                    "Drie offertes nabellen, beginnend bij de makkelijkste.",
                    "Gedaan. Eén ja, één nee, één wil volgende maand beslissen.",
                    "Twee gebeld.",
                    "Niet gebeld; ik vond steeds een reden om het uit te stellen.",
                    7,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Hoe begin ik zo'n telefoontje?",
                "coach": "{first} kiest een eigen opening: 'Ik ben benieuwd hoe jullie ernaar kijken.' Dat voelt minder "
                "als controleren.",
                "outcomes": "Eigen opening voor het nabellen.",
                "commitment": (
                    "Alle offertes van deze week binnen vijf werkdagen nabellen met de nieuwe opening.",
                    "Acht van de acht. Twee gewonnen.",
                    "Vijf van de acht.",
                    "Twee gebeld.",
                    7,
                ),
                "plan": ["o", "c"],
                "share": "Ik bel mijn offertes nu binnen vijf werkdagen na.",
            },
            {
                "agenda": "Een klant zei nee en dat zat me dwars.",
                "coach": "{first} ontdekte in het gesprek dat de nee van {client} iets opleverde: ze kozen voor een "
                "goedkopere leverancier en willen over een jaar opnieuw kijken.",
                "outcomes": "Een nee levert informatie op.",
                "commitment": (
                    "Bij elke nee vragen wat de doorslag gaf.",
                    "Twee keer gedaan; prijs en levertijd.",
                    "Eén keer.",
                    "Er kwam geen nee.",
                    14,
                ),
                "plan": ["b", "h"],
            },
            {
                "agenda": "Terugblik: wat levert het nabellen op?",
                "coach": "{first} ziet zelf meer omgezette offertes en een opgeruimde lijst.",
                "outcomes": "Minder liggende offertes.",
                "commitment": (
                    "Mijn manier van nabellen uitleggen in het teamoverleg.",
                    "Gedaan; twee collega's doen het nu ook.",
                    "Op de agenda gezet.",
                    "Nog niet.",
                    21,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "closing",
    },
    "accounts": {
        "result": "{first} maakt voor de vijf grootste klanten een accountplan en heeft bij elk contact met meerdere "
        "beslissers, zodat de omzet daar groeit en minder kwetsbaar is.",
        "chain": [
            ("p", "pitfall", "Bij mijn grote klanten ken ik maar één persoon goed.", None),
            ("o", "opportunity", "Per grote klant weten wie er beslist, beïnvloedt en gebruikt.", "p"),
            ("c", "choice", "Ik maak een accountplan voor mijn vijf grootste klanten.", "o"),
            (
                "b",
                "belief",
                "Mijn contactpersoon wordt sterker als ik ook anderen in zijn organisatie ken.",
                "c",
            ),
            (
                "h",
                "behaviour",
                "Elk kwartaal spreek ik bij elke grote klant minstens één nieuwe persoon.",
                "b",
            ),
            ("r", "result", "Groei bij de grootste klanten en minder afhankelijk van één contact.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Mijn contact bij {client} vertrekt. Wat nu?",
                "coach": "{first} ziet dat alles bij {client} via één persoon liep. Bij de andere grote klanten is dat niet "
                "anders.",
                "private": "Sterke relatiebouwer, maar smal. Niet schrikken van het vertrek; het is een kans om breder te "
                "kijken.",
                "outcomes": "{first} wil weten wie er bij de grote klanten nog meer toe doen.",
                "commitment": (
                    "Per grote klant opschrijven wie ik ken en wie er ontbreekt.",
                    "Gedaan. Bij vier van de vijf ken ik niemand van de directie.",
                    "Drie klanten gedaan.",
                    "Niet aan toegekomen.",
                    10,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Een accountplan voor {client}.",
                "coach": "{first} maakt zelf een plan op één pagina: doelen van de klant, wie wat beslist, welke kansen "
                "er liggen.",
                "outcomes": "Eerste accountplan op één pagina.",
                "commitment": (
                    "Een afspraak maken met de financieel directeur van {client}.",
                    "Staat volgende week.",
                    "Gemaild, nog geen antwoord.",
                    "Nog niet gedaan.",
                    14,
                ),
                "plan": ["o", "c"],
                "share": "Ik maak accountplannen voor mijn vijf grootste klanten; het eerste is voor {client}.",
            },
            {
                "agenda": "Hoe vraag ik mijn contactpersoon om me aan anderen voor te stellen?",
                "coach": "{first} merkt dat het voelt als 'over iemands hoofd heen gaan'. Wat helpt: het samen met de "
                "contactpersoon doen.",
                "outcomes": "Samen met de contactpersoon anderen benaderen.",
                "commitment": (
                    "Mijn contact bij {client2} vragen om een gezamenlijk gesprek met hun directeur.",
                    "Hij vond het een goed idee en regelde het zelf.",
                    "Gevraagd, hij denkt erover na.",
                    "Nog niet gevraagd.",
                    14,
                ),
                "plan": ["b", "h"],
            },
            {
                "agenda": "Terugblik op het kwartaal bij de grote klanten.",
                "coach": "{first} heeft bij drie van de vijf grote klanten nu meerdere contacten. Bij {client} is er een "
                "uitbreiding besproken.",
                "outcomes": "Breder netwerk bij drie grote klanten.",
                "commitment": (
                    "De accountplannen delen met de binnendienst.",
                    "Gedaan; zij weten nu wie ze kunnen bellen.",
                    "Twee van de vijf gedeeld.",
                    "Nog niet.",
                    21,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "needs_discovery",
    },
    "role": {
        "result": "{first} brengt dit jaar zelf vervolgopdrachten binnen bij bestaande klanten, op een manier die past "
        "bij een vakspecialist.",
        "chain": [
            ("p", "pitfall", "Ik zie verkopen als iets wat niet bij mijn vak hoort.", None),
            ("o", "opportunity", "Mijn vakkennis gebruiken om klanten te laten zien wat er beter kan.", "p"),
            ("c", "choice", "Als ik een probleem zie dat de klant niet ziet, benoem ik het.", "o"),
            ("b", "belief", "Goed advies geven en een opdracht binnenhalen zijn hetzelfde gesprek.", "c"),
            ("h", "behaviour", "In elk projectoverleg vraag ik wat de klant verder nog bezighoudt.", "b"),
            ("r", "result", "Vervolgopdrachten die uit mijn eigen projecten komen.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Ik ben specialist, geen verkoper.",
                "coach": "{first} wil vooral goed werk leveren. Tegelijk noemt {first} twee klanten waar meer te doen is "
                "dan waarvoor ze zijn ingehuurd.",
                "private": "Rolweigering, met veel vakmanschap. Niet overtuigen; laten onderzoeken.",
                "outcomes": "{first} wil onderzoeken wat 'verkopen' kan betekenen voor een specialist.",
                "commitment": (
                    "Opschrijven waar ik bij klanten meer zie dan waarvoor ik ben ingehuurd.",
                    "Drie situaties gevonden.",
                    "Eén situatie opgeschreven.",
                    "Niet aan toegekomen.",
                    21,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Wat doe ik met wat ik bij {client} zie?",
                "coach": "{first} kiest ervoor het te benoemen als observatie, zoals in een rapport: 'Wat mij opviel…'",
                "outcomes": "Verkopen als 'benoemen wat ik zie'.",
                "commitment": (
                    "Mijn observatie bij {client} benoemen in het volgende overleg.",
                    "Gedaan; de klant vroeg om een voorstel.",
                    "Kort genoemd, niet doorgepakt.",
                    "Het overleg ging niet door.",
                    21,
                ),
                "plan": ["o", "c", "b"],
                "share": "Bij {client} zie ik een vervolgvraag; ik wil daar een voorstel voor schrijven.",
            },
            {
                "agenda": "Een voorstel schrijven voelt als verkopen.",
                "coach": "{first} schrijft het voorstel als advies: probleem, gevolgen, opties en wat {first} zelf zou doen.",
                "outcomes": "Voorstel in adviesvorm.",
                "commitment": (
                    "Het voorstel afmaken en laten meelezen door een collega.",
                    "Verstuurd.",
                    "Bijna af.",
                    "Niet af, het project ging voor.",
                    14,
                ),
                "plan": ["h"],
            },
            {
                "agenda": "Terugblik: hoe kijk ik nu naar verkopen?",
                "coach": "{first}: 'Ik verkoop niets, ik vertel wat ik zie.' Eén vervolgopdracht binnen.",
                "outcomes": "Eerste vervolgopdracht.",
                "commitment": (
                    "Bij {client2} vragen wat hen verder nog bezighoudt.",
                    "Gedaan; er komt een kleine vervolgvraag.",
                    "Half gevraagd.",
                    "Nog niet.",
                    21,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "closing",
    },
    "pushy": {
        "result": "{first} voert gesprekken over vervolgwerk zonder zich opdringerig te voelen, en brengt zo zelf "
        "nieuwe opdrachten binnen.",
        "chain": [
            (
                "p",
                "pitfall",
                "Ik ben bang om opdringerig over te komen, dus ik zeg niets over vervolgwerk.",
                None,
            ),
            ("o", "opportunity", "Nieuwsgierig zijn naar de klant in plaats van iets aanbieden.", "p"),
            ("c", "choice", "Ik vraag klanten wat hen bezighoudt, zonder iets aan te bieden.", "o"),
            ("b", "belief", "Een klant vindt het prettig als ik meedenk.", "c"),
            (
                "h",
                "behaviour",
                "Aan het eind van elk overleg vraag ik: waar lopen jullie verder nog tegenaan?",
                "b",
            ),
            ("r", "result", "Nieuwe opdrachten die uit gesprekken met bestaande klanten komen.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Ik wil niet opdringerig zijn.",
                "coach": "{first} noemt een verkoper die ooit aan de deur stond als voorbeeld van wat {first} nooit wil "
                "zijn. Wanneer voelt meedenken wel goed? Als de klant zelf begint.",
                "outcomes": "{first} onderzoekt het verschil tussen opdringen en meedenken.",
                "commitment": (
                    "Bij twee klanten opletten wanneer zij zelf over een probleem beginnen.",
                    "Bij beide gebeurde het; ik deed er nog niets mee.",
                    "Bij één gelet.",
                    "Vergeten.",
                    21,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Hoe vraag ik door zonder te verkopen?",
                "coach": "{first} kiest één vraag: 'Waar lopen jullie verder nog tegenaan?' Die voelt als meedenken.",
                "outcomes": "Eén vraag gekozen.",
                "commitment": (
                    "De vraag stellen aan het eind van het overleg met {client}.",
                    "Gedaan. Ze vertelden over hun problemen met de rapportages.",
                    "Half gesteld, snel afgerond.",
                    "Niet gedaan, het overleg liep uit.",
                    21,
                ),
                "plan": ["o", "c"],
            },
            {
                "agenda": "De klant vroeg om een offerte. Spannend.",
                "coach": "{first} merkt dat het anders voelt nu de klant erom vraagt. Wat helpt: de offerte samen met de "
                "accountmanager maken.",
                "outcomes": "Samen met de accountmanager.",
                "commitment": (
                    "De offerte voor {client} samen met de accountmanager opstellen.",
                    "Gedaan en verstuurd.",
                    "Concept klaar.",
                    "Nog niet aan begonnen.",
                    14,
                ),
                "plan": ["b", "h"],
                "share": "{client} heeft om een offerte gevraagd; ik maak die samen met de accountmanager.",
            },
            {
                "agenda": "Terugblik: wat is er veranderd?",
                "coach": "{first} stelt de vraag nu in bijna elk overleg en voelt zich er niet opdringerig bij.",
                "outcomes": "Gewoonte gevormd.",
                "commitment": ("De vraag ook stellen bij {client2}.", "Gedaan.", "Half.", "Nog niet.", 21),
                "plan": ["r"],
            },
        ],
        "weak": "closing",
    },
    "payoff": {
        "result": "{first} besteedt vier uur per maand aan klantcontact buiten de projecten en houdt dat vol, ook als de "
        "resultaten niet meteen komen.",
        "chain": [
            ("p", "pitfall", "Mijn projecten gaan altijd voor; acquisitie schuift naar 'later'.", None),
            ("o", "opportunity", "Kleine, vaste momenten voor klantcontact.", "p"),
            ("c", "choice", "Elke week een uur klantcontact, op een vaste middag.", "o"),
            (
                "b",
                "belief",
                "Opdrachten komen uit relaties die ik nu onderhoud, ook als het maanden duurt.",
                "c",
            ),
            ("h", "behaviour", "Elke donderdagmiddag bel of mail ik twee oud-klanten.", "b"),
            ("r", "result", "Een vaste stroom gesprekken met (oud-)klanten.", "h"),
        ],
        "sessions": [
            {
                "agenda": "Ik heb geen tijd voor acquisitie.",
                "coach": "{first} schrijft 95% declarabel. Acquisitie wordt altijd 'volgende week'.",
                "outcomes": "{first} zoekt een vorm die past in een volle agenda.",
                "commitment": (
                    "Een lijst maken van tien oud-klanten om weer eens te spreken.",
                    "Lijst staat.",
                    "Vijf namen.",
                    "Niet gedaan.",
                    21,
                ),
                "plan": ["p"],
            },
            {
                "agenda": "Een uur per week: waar haal ik dat vandaan?",
                "coach": "{first} kiest de donderdagmiddag, na het wekelijkse projectoverleg.",
                "outcomes": "Donderdagmiddag.",
                "commitment": (
                    "Vier donderdagen op rij twee oud-klanten bellen of mailen.",
                    "Gelukt; drie gesprekken gepland.",
                    "Twee donderdagen.",
                    "Eén keer, toen ging het project voor.",
                    28,
                ),
                "plan": ["o", "c"],
            },
            {
                "agenda": "Het levert nog niets op.",
                "coach": "{first} vindt het frustrerend dat er na twee maanden geen opdracht is. Wat er wel is: vijf goede "
                "gesprekken en een uitnodiging van {client}.",
                "outcomes": "{first} kiest ervoor door te gaan en kijkt naar wat er wel gebeurt.",
                "commitment": (
                    "De uitnodiging van {client} aannemen en voorbereiden.",
                    "Geweest; ze willen volgend kwartaal een verkenning.",
                    "Afspraak staat.",
                    "Nog niet gereageerd.",
                    14,
                ),
                "plan": ["b", "h"],
                "share": "Ik bel nu elke donderdag twee oud-klanten. Het levert gesprekken op, opdrachten nog niet.",
            },
            {
                "agenda": "Terugblik.",
                "coach": "{first} heeft acht weken volgehouden en heeft een verkenning bij {client} in de planning.",
                "outcomes": "Volgehouden; eerste verkenning gepland.",
                "commitment": (
                    "De verkenning bij {client} voorbereiden met Willem.",
                    "Gedaan.",
                    "Afspraak met Willem staat.",
                    "Nog niet.",
                    21,
                ),
                "plan": ["r"],
            },
        ],
        "weak": "opening",
    },
}

# Sessions between the themed ones: the coachee brings what is on their mind.
GENERAL_SESSIONS = [
    {
        "agenda": "Korte terugblik op mijn voornemens, en een lastig gesprek met {client2} volgende week.",
        "coach": "{first} bereidt het gesprek met {client2} voor door eerst op te schrijven wat {first} zelf wil "
        "bereiken, en wat de klant waarschijnlijk wil.",
        "outcomes": "Doel voor het gesprek met {client2} staat op papier.",
        "commitment": (
            "Het gesprek met {client2} openen met de vraag wat zij willen bereiken.",
            "Gedaan; het gesprek werd veel korter en concreter.",
            "Half gelukt; ik begon toch met ons verhaal.",
            "Het gesprek werd verplaatst.",
            10,
        ),
    },
    {
        "agenda": "Werkdruk. Ik merk dat ik moe ben.",
        "coach": "{first} kijkt naar wat energie geeft en wat energie kost. Klantgesprekken geven energie; interne "
        "overleggen kosten die.",
        "seller_private": "Ik slaap slecht sinds de reorganisatie is aangekondigd. Fijn dat het hier mag.",
        "outcomes": "{first} kiest één overleg om voortaan over te slaan.",
        "commitment": (
            "Eén terugkerend overleg opzeggen of verkorten.",
            "Het dinsdagoverleg duurt nu een half uur.",
            "Besproken, nog niet geregeld.",
            "Niet gedaan; ik durfde het niet voor te stellen.",
            14,
        ),
    },
    {
        "agenda": "Wat wil ik het komende kwartaal leren?",
        "coach": "{first} kiest zelf een nieuw onderwerp naast het huidige: beter voorbereid de eerste afspraak in.",
        "outcomes": "Nieuw leerdoel gekozen.",
        "commitment": (
            "Voor de volgende twee eerste afspraken een voorbereiding op één A4 maken.",
            "Twee keer gedaan; ik voelde me zekerder.",
            "Eén keer.",
            "Niet aan toegekomen.",
            14,
        ),
    },
]

# Comments on the ride-along rubric, by skill area and score, for the coach and for the seller.
COACH_COMMENTS: dict[str, dict[int, str]] = {
    "preparation": {
        2: "Je wist weinig van de klant; de gewenste vervolgstap had je niet bepaald.",
        3: "Klant goed uitgezocht, maar geen doel of vervolgstap voorbereid.",
        4: "Doel en vragen voorbereid; wie er nog meer beslist wist je niet.",
        5: "Doel, vragen, vervolgstap en rolverdeling vooraf helder.",
    },
    "opening": {
        2: "Je begon meteen over onze oplossing.",
        3: "Goed contact, maar de agenda werd niet afgestemd.",
        4: "Agenda en tijd samen afgesproken.",
        5: "Gevraagd wat de klant zelf uit het gesprek wilde halen; dat zette de toon.",
    },
    "needs_discovery": {
        2: "Vooral gesloten vragen; na het eerste antwoord ging je door naar de oplossing.",
        3: "Goede open vragen over de situatie; doorvragen op de gevolgen bleef uit.",
        4: "Goed doorgevraagd en samengevat; de klant vulde zelf aan.",
        5: "De klant rekende zelf uit wat het probleem kost. Sterk.",
    },
    "presenting_value": {
        2: "Een rij functies, zonder verband met wat de klant had gezegd.",
        3: "Deels gekoppeld aan hun probleem; daarna toch extra functies.",
        4: "Oplossing gekoppeld aan hun belangrijkste probleem, met een passend voorbeeld.",
        5: "In de woorden van de klant, en gecheckt of het aankwam.",
    },
    "handling_objections": {
        2: "Bij het bezwaar ging je meteen in de verdediging.",
        3: "Bezwaar erkend en beantwoord, maar niet onderzocht.",
        4: "Doorgevraagd naar wat er achter het bezwaar zat.",
        5: "Rustig, onderzocht en gecheckt of het bezwaar weg was.",
    },
    "closing": {
        2: "Het gesprek eindigde zonder vervolgafspraak.",
        3: "Vervolg voorgesteld, maar zonder datum.",
        4: "Concrete vervolgafspraak met datum.",
        5: "Samengevat en een vervolgstap met datum, eigenaar en betrokkenen vastgelegd.",
    },
}

SELF_COMMENTS: dict[str, dict[int, str]] = {
    "preparation": {
        3: "Weinig tijd gehad om me voor te bereiden.",
        4: "Goed voorbereid.",
        5: "Alles op één A4.",
    },
    "opening": {3: "Het begin was wat rommelig.", 4: "Prettig begin.", 5: "Goed contact vanaf het begin."},
    "needs_discovery": {3: "Ik had meer kunnen vragen.", 4: "Veel gevraagd.", 5: "De klant vertelde veel."},
    "presenting_value": {
        3: "Ik liet misschien te veel zien.",
        4: "Goede voorbeelden gebruikt.",
        5: "Het sloot goed aan.",
    },
    "handling_objections": {
        3: "Het prijsbezwaar vond ik lastig.",
        4: "Rustig gebleven.",
        5: "Goed opgelost.",
    },
    "closing": {3: "Geen harde afspraak.", 4: "Vervolgafspraak gemaakt.", 5: "Alles afgesproken."},
}

REPLIES = [
    "Herkenbaar. Het verschil bij {area} neem ik mee naar mijn volgende afspraak.",
    "Ik scoorde mezelf hoger bij {area}; als ik je voorbeeld lees, snap ik waarom je dat anders zag.",
    "Fijn om het zo naast elkaar te zien. Bij {area} wil ik de komende weken oefenen.",
    "Dank je. Over {area} wil ik het volgende gesprek verder praten.",
]

APPOINTMENTS = [
    "{client}, eerste gesprek met de directeur",
    "{client}, vervolggesprek over de offerte",
    "{client2}, kennismaking met de IT-manager",
    "{client}, bespreking van de uitbreiding",
]

CLIENTS = [
    "Bouwbedrijf Van der Meer",
    "Groothandel Brinkman",
    "Installatiebedrijf Smeets",
    "Zorggroep Rivierenland",
    "Transportbedrijf Kuipers",
    "Hotelgroep De Zeeuw",
    "Drukkerij Hofstede",
    "Accountantskantoor Mulder & Terpstra",
    "Kinderopvang De Boomhut",
    "Autobedrijf Jansen",
    "Bakkerij Verhoef",
    "Van Dam Installatietechniek",
    "Woningcorporatie Oosterpoort",
    "Tuincentrum De Linde",
    "Metaalbewerking Hengelo",
    "Advocatenkantoor Brouwer",
    "Logistiek Centrum Venlo",
    "Fysiotherapie Zuid",
    "Scholengroep Het Baken",
    "Recreatiepark De Vennen",
    "Machinefabriek Twente",
    "Vastgoed Beheer Noord",
    "Camping De Kieviet",
    "Uitzendbureau Flexwerk",
]

RATING_COMMENTS = [
    "",
    "",
    "",
    "Helder gesprek.",
    "Ik ga met een duidelijk plan naar huis.",
    "Goede vragen.",
    "Fijn dat ik zelf mocht kiezen.",
    "Prettig om even stil te staan.",
]
LOW_RATINGS = [
    "Ik had er vandaag mijn hoofd niet bij.",
    "Te veel herhaling van vorige keer.",
    "Ik miste een concrete stap.",
]

CANCEL_REASONS = [
    "Klantafspraak verschoven naar dit tijdstip.",
    "Ziek.",
    "Forecastoverleg met de directie liep uit.",
    "Trein viel uit; nieuw moment gezocht.",
]
NO_SHOW_REASONS = [
    "Verkoper zat nog bij een klant en had het gesprek niet afgezegd.",
    "Coachee was het gesprek vergeten.",
]
