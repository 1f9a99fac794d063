"""The written stories of the coaching demo (Dutch), used by demo.py.

Noordwind Solutions sells business software, managed IT services and advice to
mid-sized companies. Three coaching stories are written out session by session:
Sanne de Vries (seller@) with the external coach Ingrid Hoekstra, Thomas Vermeulen
(consultant@, a non-sales professional) with Ingrid, and Lucas Meijer with the peer
coach Bas Hendriks (peercoach@). The other coachees follow one of the themes in
demo_themes.py. All text was written for this demo.

A session is a dict: ``kind``, ``framework``, ``agenda``, ``outcomes``, ``notes``
(author, visibility, text), ``commitments`` (text, outcome, reflection, days to the
due date), ``plan`` (key, layer, text, follows-from key, status, visibility, unused),
``proposals`` (kind, layer, follows-from key, key of the resulting plan item, text,
rationale, decision), ``rating``,
``observation``, ``status`` with ``reason``, ``moved`` (days it was moved), ``prepare``
(stage, question index) pairs and ``gap`` (days since the previous session).
"""

from __future__ import annotations

from typing import Any

C = "coach"
S = "seller"
PRIV = "private"
PAIR = "coach_and_seller"
SHARED = "shared_with_manager"

Session = dict[str, Any]

SANNE_AGREEMENTS = [
    {
        "result_to_reach": (
            "Sanne haalt dit jaar acht nieuwe klanten in het middensegment binnen. Het middel daarvoor "
            "kiest ze zelf: eerste gesprekken die vaker tot een offerte leiden."
        ),
        "manager_role": (
            "Mark stuurt op target, pijplijn en forecast, bespreekt die in zijn eigen maandgesprek met "
            "Sanne en zorgt dat er om de week een uur vrij is voor coaching. Hij vraagt Ingrid niet naar "
            "de inhoud van de gesprekken."
        ),
        "coach_role": (
            "Ingrid werkt met Sanne aan haar gesprekken, keuzes en overtuigingen, loopt mee bij "
            "klantafspraken en meldt Mark alleen dat er gesprekken plaatsvinden. Wat Sanne wil delen, "
            "deelt ze zelf."
        ),
        "reporting": "sessions",
        "cadence": "biweekly",
        "review_after_days": 90,
        "created_by": "coach",
    },
    {
        "result_to_reach": (
            "Sanne haalt dit jaar acht nieuwe klanten in het middensegment binnen, met eerste gesprekken "
            "die vaker tot een offerte leiden. Nieuw: ze houdt haar gemiddelde korting onder de 10%, "
            "zonder deals te verliezen op prijs."
        ),
        "manager_role": (
            "Mark stuurt op target, pijplijn en forecast en bespreekt die in zijn maandgesprek met Sanne. "
            "Kortingen boven de 10% legt Sanne niet meer in de laatste week van het kwartaal aan hem "
            "voor, maar bij de offerte. Hij houdt het coachuur om de week vrij."
        ),
        "coach_role": (
            "Ingrid werkt met Sanne aan haar gesprekken, onderhandelen en keuzes, loopt eens per kwartaal "
            "mee en meldt Mark alleen dat er gesprekken plaatsvinden."
        ),
        "reporting": "sessions",
        "cadence": "biweekly",
        "review_after_days": 200,
        "review_in_days": 38,
        "created_by": "seller",
    },
]

SANNE: list[Session] = [
    {
        "framework": "grow",
        "agenda": (
            "Kennismaken.\nWat ik uit coaching wil halen.\nMijn eerste gesprekken met nieuwe klanten lopen vaak "
            "dood na de demo, en ik weet niet goed waarom."
        ),
        "notes": [
            (
                C,
                PAIR,
                "Sanne noemt zelf drie gesprekken uit het vorige kwartaal die na een goede demo stilvielen: "
                "Bakkerij Verhoef, Van Dam Installatietechniek en een zorginstelling in Leiden. Ze wil begrijpen wat "
                "daar gebeurde.",
            ),
            (
                C,
                PRIV,
                "Eerste indruk: sterk in contact, enthousiast over het product, praat snel. Nog geen beeld van "
                "hoe ze vragen stelt. Meelopen aan de orde stellen als zij er zelf voor openstaat.",
            ),
            (
                S,
                PRIV,
                "Spannend om dit hardop te zeggen, maar volgens mij word ik zenuwachtig bij nieuwe klanten en ga "
                "ik dan zenden. Bij bestaande klanten heb ik dat niet.",
            ),
        ],
        "outcomes": (
            "Doel voor de coaching in Sanne's eigen woorden: 'eerste gesprekken die ergens toe leiden'. Ze kiest "
            "ervoor de komende twee weken eerst te kijken hoe haar eerste gesprekken nu echt verlopen."
        ),
        "commitments": [
            (
                "Na elk eerste gesprek drie dingen opschrijven: wat wist ik vooraf, wat heb ik gevraagd, welke "
                "vervolgstap hebben we afgesproken.",
                "done",
                "Bij vier gesprekken gedaan. Wat me opviel: bij drie van de vier was er geen concrete vervolgstap, "
                "alleen 'we horen van elkaar'.",
                12,
            ),
        ],
        "rating": (True, "Fijn dat het over mijn vragen ging en niet over mijn cijfers."),
        "prepare": [("goal", 0), ("goal", 2), ("reality", 0), ("way_forward", 1)],
    },
    {
        "framework": "grow",
        "agenda": "Wat mijn aantekeningen laten zien.\nWaarom blijft het na de demo stil?",
        "notes": [
            (
                C,
                PAIR,
                "Het patroon volgens Sanne zelf: na ongeveer tien minuten zit ze in de demo. Haar vragen gaan "
                "over de huidige software, niet over wat het probleem de klant kost of wie er last van heeft.",
            ),
            (
                S,
                SHARED,
                "Mark, mijn doel voor dit jaar in mijn eigen woorden: meer nieuwe klanten in het middensegment "
                "door betere eerste gesprekken. Ik werk met Ingrid vooral aan het begin van die gesprekken. Waar ik jouw "
                "steun bij zou willen: een vaste ochtend per week zonder interne overleggen.",
            ),
        ],
        "plan": [
            (
                "p1",
                "pitfall",
                "Ik vul zelf in wat de klant nodig heeft en ga te snel naar de demo.",
                None,
                "active",
                PAIR,
                False,
            ),
        ],
        "proposals": [
            (
                "plan_item",
                "opportunity",
                "p1",
                "o1",
                "Behoefteonderzoek als vaardigheid: eerst de situatie, dan het probleem, de gevolgen en wat een "
                "oplossing waard is.",
                "Je zei zelf dat je vragen bij de software blijven hangen. Dit is een manier om verder te komen; "
                "jij kiest of het bij je past.",
                "accepted",
            ),
        ],
        "outcomes": "Sanne neemt 'behoefteonderzoek' op in haar plan. Ze wil bij de volgende eerste gesprekken de laptop later openen.",
        "commitments": [
            (
                "Bij de volgende drie eerste gesprekken de laptop pas na twintig minuten openen.",
                "partly",
                "Twee keer gelukt. Bij de derde vroeg de klant meteen om de demo en ging ik mee; achteraf had ik kunnen "
                "vragen wat hij precies wilde zien.",
                14,
            ),
        ],
        "rating": (True, "De vraag 'wat kost het probleem de klant eigenlijk?' blijft hangen."),
        "prepare": [("reality", 0), ("reality", 2), ("options", 0), ("options", 4), ("way_forward", 0)],
    },
    {
        "kind": "ride_along",
        "framework": "plan_do_review",
        "agenda": "Meelopen bij Hotelgroep De Zeeuw, eerste gesprek met de operationeel directeur.",
        "notes": [
            (
                C,
                PAIR,
                "Voorbereiding samen in de auto: Sanne wil weten hoe de vier hotels nu roosteren en wat dubbel "
                "werk ze kost. Mijn rol: alleen observeren, niets zeggen tijdens het gesprek.",
            ),
        ],
        "observation": {
            "appointment": "Hotelgroep De Zeeuw, kennismaking met de operationeel directeur",
            "self": {
                "preparation": (4, "Website en jaarverslag gelezen, drie vragen opgeschreven."),
                "opening": (4, "Goed contact, we hadden het even over zijn vorige werkgever."),
                "needs_discovery": (3, "Ik heb best veel gevraagd, maar miste de kosten van het probleem."),
                "presenting_value": (3, "Demo ging goed, hij knikte veel."),
                "closing": (2, "Hij zou intern overleggen. Ik heb niet gevraagd met wie."),
            },
            "coach": {
                "preparation": (
                    3,
                    "Duidelijke vragen voorbereid; de gewenste vervolgstap had je niet bepaald.",
                ),
                "opening": (
                    4,
                    "Warm en persoonlijk. De agenda noemde je niet, hij nam na vijf minuten het woord over.",
                ),
                "needs_discovery": (
                    2,
                    "Je stelde zes vragen, waarvan vier gesloten. Toen hij zei dat het roosteren "
                    "'een dag per week kost', gaf je zelf het antwoord: 'dat lossen wij op'.",
                ),
                "presenting_value": (
                    3,
                    "De demo volgde de vaste volgorde, niet zijn probleem met het roosteren.",
                ),
                "closing": (
                    2,
                    "Het gesprek eindigde met 'we horen van u'. Geen datum, geen andere betrokkenen.",
                ),
            },
            "reply": (
                "Ik had niet door dat ik die vraag over de kosten zelf beantwoordde. Goed om terug te zien. "
                "Volgende keer wil ik daar blijven hangen."
            ),
            "acknowledged": True,
        },
        "rating": (True, "Confronterend, maar precies wat ik nodig had."),
        "prepare": [("plan", 0), ("plan", 2), ("plan", 5), ("do", 0), ("review", 1)],
    },
    {
        "framework": "grow",
        "agenda": "Terugblik op De Zeeuw.\nHoe stel ik vragen die verder gaan dan 'welk systeem gebruiken jullie nu?'",
        "notes": [
            (
                C,
                PAIR,
                "Sanne heeft zelf een rijtje van vijf open vragen gemaakt, van 'hoe ziet een week roosteren eruit' "
                "tot 'wat gebeurt er als het misgaat'. Ze kiest ervoor na elke vraag eerst samen te vatten voordat ze "
                "verdergaat.",
            ),
            (
                S,
                PAIR,
                "Mijn vijf vragen staan nu voorin mijn notitieboek. Nummer vier vind ik het spannendst: 'Wat kost "
                "het u als dit zo blijft?'",
            ),
        ],
        "plan": [
            (
                "c1",
                "choice",
                "Elk eerste gesprek begin ik zonder laptop op tafel.",
                "o1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Vragenrij gemaakt. Sanne kiest voor eerste gesprekken zonder laptop op tafel.",
        "commitments": [
            (
                "Mijn vijf vragen gebruiken bij Bouwbedrijf Van der Meer en Zorggroep Rivierenland.",
                "done",
                "Bij Van der Meer kwam het echte probleem pas bij vraag vier: de planners werken met drie systemen naast "
                "elkaar en verliezen er samen een halve dag per week mee. Ze hebben zelf om een offerte gevraagd.",
                14,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("goal", 1), ("reality", 6), ("options", 2), ("way_forward", 3)],
        "moved": 2,
    },
    {
        "framework": "oskar",
        "agenda": "Prijs. Aan het eind van het kwartaal geef ik snel korting, en daar baal ik achteraf van.",
        "notes": [
            (
                C,
                PAIR,
                "Op de schaal (10 = ik onderhandel rustig over waarde) zet Sanne zichzelf op een 4. Wat haar al "
                "op 4 houdt: bij bestaande klanten durft ze wel nee te zeggen. Wat een 5 zou zijn: één keer doorvragen "
                "als een klant om korting vraagt.",
            ),
            (
                C,
                PRIV,
                "De kwartaaldruk komt duidelijk van buiten. Blijf bij haar keuzes, niet bij het target. Als zij "
                "dat wil, kan de rol van Mark bij kortingen aan de orde komen bij de herziening van de driehoeksafspraak.",
            ),
            (
                S,
                PRIV,
                "Eerlijk: ik geef korting omdat ik bang ben dat Mark anders boos wordt als de deal schuift.",
            ),
        ],
        "plan": [
            (
                "p2",
                "pitfall",
                "In de laatste week van het kwartaal geef ik korting om een deal nog binnen te halen.",
                None,
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Tweede valkuil in het plan. Sanne wil de volgende keer dat een klant om korting vraagt eerst doorvragen.",
        "commitments": [
            (
                "Bij de volgende prijsvraag eerst vragen: 'Waar vergelijkt u ons mee?'",
                "partly",
                "Bij Rivierenland gedaan, en dat leverde op dat ze ons met een pakket zonder support vergeleken. Bij een "
                "kleine klant vergat ik het in de haast.",
                14,
            ),
        ],
        "rating": (True, "De schaalvraag werkt voor mij: 4 is geen 0."),
        "prepare": [("outcome", 0), ("scaling", 0), ("scaling", 1), ("scaling", 2), ("affirm_action", 2)],
    },
    {
        "kind": "triad",
        "framework": "grow",
        "agenda": "Drie maanden samen: wat gaat goed, wat willen we anders afspreken in de driehoeksafspraak?",
        "notes": [
            (
                C,
                PAIR,
                "Driegesprek met Mark. Sanne bracht zelf de korting in: ze wil kortingen bij de offerte bespreken, "
                "niet in de laatste week. Mark was het daarmee eens. Afgesproken dat Sanne een nieuwe versie van de "
                "afspraak opstelt.",
            ),
        ],
        "outcomes": (
            "De afspraak blijft op hoofdlijnen. Toegevoegd: de kortingsgrens van 10% in het resultaat en het moment "
            "waarop Sanne kortingen met Mark bespreekt. Mark blijft bij pijplijn en forecast, Ingrid bij Sanne's "
            "ontwikkeling; wat Sanne deelt, bepaalt ze zelf."
        ),
        "rating": (True, "Goed dat we dit met z'n drieën hebben besproken."),
        "agreement_version": 2,
    },
    {
        "framework": "solution_focused",
        "agenda": "Directiegesprek bij Transportbedrijf Kuipers volgende week. Ik voel me klein bij directeuren.",
        "notes": [
            (
                C,
                PAIR,
                "Uitzondering gevonden: bij haar grootste bestaande klant praat Sanne wél ontspannen met de "
                "directeur. Daar vraagt ze naar hun groeiplannen, niet naar IT. Haar kleinste volgende stap: het gesprek "
                "bij Kuipers openen met hun plannen voor volgend jaar.",
            ),
            (
                S,
                PAIR,
                "Wat ik bij mijn grootste klant anders doe: ik ben nieuwsgierig naar hun bedrijf, niet naar hun "
                "systemen. Dat wil ik meenemen naar Kuipers.",
            ),
        ],
        "plan": [
            (
                "b1",
                "belief",
                "Een directeur wil niet weten wat onze software kan, maar of ik zijn bedrijf begrijp.",
                "c1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Sanne opent het gesprek bij Kuipers met hun plannen voor volgend jaar.",
        "commitments": [
            (
                "Het gesprek bij Kuipers openen met de vraag naar hun plannen voor volgend jaar.",
                "done",
                "Gedaan. De directeur praatte twintig minuten over de uitbreiding naar Duitsland. Vervolgafspraak met de "
                "operationeel manager staat in de agenda.",
                9,
            ),
        ],
        "rating": (True, "Ik had niet gedacht dat ik zelf het antwoord al had."),
        "prepare": [
            ("preferred_future", 1),
            ("exceptions", 0),
            ("exceptions", 1),
            ("resources", 0),
            ("next_step", 0),
        ],
    },
    {
        "kind": "ride_along",
        "framework": "plan_do_review",
        "agenda": "Meelopen bij Transportbedrijf Kuipers, gesprek met de operationeel manager.",
        "observation": {
            "appointment": "Transportbedrijf Kuipers, vervolggesprek met de operationeel manager",
            "self": {
                "preparation": (4, "Doel: een workshop met de planners afspreken."),
                "opening": (4, "Agenda voorgelegd, hij voegde zelf iets toe."),
                "needs_discovery": (
                    4,
                    "Doorgevraagd op de uitbreiding naar Duitsland en de gevolgen voor de planning.",
                ),
                "presenting_value": (4, "Alleen de planningsmodule laten zien, met hun eigen voorbeeld."),
                "handling_objections": (3, "Over de overstaptijd had ik geen goed antwoord."),
                "closing": (4, "Workshop over drie weken gepland, met twee planners erbij."),
            },
            "coach": {
                "preparation": (
                    4,
                    "Doel en gewenste vervolgstap helder; ook de rol van de coach afgesproken.",
                ),
                "opening": (
                    5,
                    "Agenda en tijd samen afgestemd en gevraagd wat hij zelf uit het gesprek wilde halen.",
                ),
                "needs_discovery": (
                    4,
                    "Goed doorgevraagd op de gevolgen. Twee keer vatte je samen en hij vulde aan.",
                ),
                "presenting_value": (
                    3,
                    "Sterk dat je zijn voorbeeld gebruikte; je noemde daarna toch nog vier functies "
                    "waar hij niet om had gevraagd.",
                ),
                "handling_objections": (
                    3,
                    "Bij de overstaptijd ging je meteen uitleggen. Wat hij precies vreesde, weet "
                    "je nog niet.",
                ),
                "closing": (4, "Concrete workshop met datum en deelnemers."),
            },
            "reply": (
                "Verschil bij waarde presenteren herken ik: ik wilde alles laten zien. De vraag wat hij vreest bij "
                "de overstap neem ik mee naar de workshop."
            ),
            "acknowledged": True,
            "shared": True,
        },
        "rating": (True, "Goed om te zien hoeveel er al anders gaat."),
        "prepare": [("plan", 0), ("plan", 3), ("plan", 6), ("review", 0), ("review", 4)],
        "gap": 10,
    },
    {
        "framework": "grow",
        "agenda": "Mijn pijplijn staat vol offertes, maar er sluit weinig. Wat doe ik ná de offerte?",
        "notes": [
            (
                C,
                PAIR,
                "Sanne telt zelf: elf offertes open, bij zeven weet ze niet wie er beslist of wanneer. Opties die "
                "ze zelf noemt: beslisdatum vragen bij het uitbrengen, vervolgafspraak plannen vóór de offerte de deur "
                "uitgaat, offertes ouder dan zestig dagen afsluiten.",
            ),
            (
                S,
                SHARED,
                "Mark: ik ga offertes ouder dan zestig dagen zonder contact uit mijn forecast halen. Dat kan "
                "betekenen dat mijn pijplijn er volgende maand kleiner uitziet, maar wel eerlijker.",
            ),
        ],
        "plan": [
            (
                "h1",
                "behaviour",
                "Bij elke offerte leg ik vooraf een beslisdatum en een vervolgafspraak vast.",
                "b1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Sanne kiest voor een vaste vervolgafspraak bij elke offerte en ruimt haar pijplijn op.",
        "declined_proposal": True,
        "commitments": [
            (
                "De elf open offertes langslopen: bij elk de beslisser en een datum vragen, of de offerte afsluiten.",
                "done",
                "Vier afgesloten, vijf met datum, twee klanten reageren niet. Voelt opgeruimd.",
                10,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("goal", 0), ("reality", 1), ("options", 1), ("way_forward", 0), ("way_forward", 5)],
    },
    {
        "framework": "grow",
        "status": "cancelled",
        "reason": "Sanne is ziek; we zoeken een nieuw moment.",
        "gap": 14,
    },
    {
        "framework": "clear",
        "agenda": "Ik zeg ja tegen te veel interne verzoeken en kom niet toe aan nieuwe klanten.",
        "notes": [
            (
                C,
                PAIR,
                "Sanne houdt een week bij waar haar tijd heen gaat: elf uur aan interne verzoeken (offertes van "
                "collega's nakijken, vragen van support), twee uur aan nieuwe klanten. Ze wil zelf kiezen wat ze laat "
                "liggen.",
            ),
            (
                S,
                PRIV,
                "Ik vind het moeilijk om nee te zeggen tegen collega's, ik wil niet dat ze denken dat ik niet "
                "help.",
            ),
        ],
        "plan": [
            (
                "h2",
                "behaviour",
                "Elke maandagochtend blokkeer ik twee uur voor nieuwe klanten, en die schuif ik niet.",
                "c1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Maandagochtend wordt haar vaste blok voor nieuwe klanten.",
        "commitments": [
            (
                "Vier maandagen achter elkaar twee uur blokken voor nieuwe klanten.",
                "partly",
                "Drie van de vier gelukt. De vierde maandag schoof ik zelf voor een offerte van een collega. Die keuze "
                "maakte ik bewust.",
                28,
            ),
        ],
        "rating": (False, "Goed gesprek, maar ik had meer aan het onderwerp prijs willen werken."),
        "prepare": [("contract", 0), ("listen", 0), ("explore", 0), ("explore", 3), ("action", 0)],
    },
    {
        "framework": "grow",
        "agenda": "Kortingsgesprek met Zorggroep Rivierenland voorbereiden. Ze vragen 12%.",
        "notes": [
            (
                C,
                PAIR,
                "Sanne schrijft zelf drie dingen op die ze terug zou willen als ze korting geeft: een langere "
                "looptijd, een referentiebezoek, meer locaties in de eerste fase. Ze kiest ervoor eerst te vragen wat "
                "er achter de 12% zit.",
            ),
            (
                S,
                SHARED,
                "Mark: bij Rivierenland heb ik 6% gegeven in ruil voor een driejarig contract en een "
                "referentiebezoek voor andere zorginstellingen. Zo wil ik het vaker doen.",
            ),
        ],
        "plan": [
            ("b2", "belief", "Korting is geen cadeau maar een ruil.", "p2", "active", PAIR, False),
            (
                "h3",
                "behaviour",
                "Bij elke prijsvraag vraag ik eerst door; korting alleen in ruil voor looptijd, volume of "
                "een referentie.",
                "b2",
                "active",
                SHARED,
                False,
            ),
        ],
        "outcomes": "Ruilmiddelen opgeschreven; Sanne vraagt eerst door naar de 12%.",
        "commitments": [
            (
                "In het gesprek met Rivierenland eerst vragen waar de 12% op gebaseerd is.",
                "done",
                "Het bleek een budgetplafond voor dit jaar. Met een gespreide start kwamen we op 6%, tegen drie jaar "
                "looptijd.",
                7,
            ),
        ],
        "rating": (True, "Ik heb nog nooit zo rustig over prijs gepraat."),
        "prepare": [("goal", 3), ("options", 0), ("options", 3), ("way_forward", 4)],
    },
    {
        "framework": "oskar",
        "agenda": "Waar sta ik nu met onderhandelen? Terugblik op het kwartaal.",
        "notes": [
            (
                C,
                PAIR,
                "Sanne zet zichzelf nu op een 7, vier maanden geleden een 4. Wat het verschil maakt, volgens haar: "
                "ze durft stil te zijn na het noemen van de prijs, en ze heeft haar ruilmiddelen altijd bij zich.",
            ),
        ],
        "outcomes": "Van 4 naar 7 op haar eigen schaal. Volgende stap die ze kiest: hetzelfde doen bij de grote deal van dit kwartaal.",
        "commitments": [
            (
                "Bij de offerte voor Van der Meer de prijs noemen en dan stil zijn tot de klant reageert.",
                "done",
                "Het was lang stil. Daarna vroeg de directeur alleen naar de betalingstermijn.",
                12,
            ),
        ],
        "rating": (True, "Mooi om de 4 en de 7 naast elkaar te zien."),
        "prepare": [("scaling", 0), ("scaling", 1), ("know_how", 4), ("affirm_action", 0), ("review", 0)],
    },
    {
        "kind": "ride_along",
        "framework": "plan_do_review",
        "agenda": "Meelopen bij Groothandel Brinkman, eerste gesprek.",
        "observation": {
            "appointment": "Groothandel Brinkman, eerste gesprek met de financieel directeur",
            "self": {
                "preparation": (5, "Doel, vragen en gewenste vervolgstap op één A4."),
                "opening": (4, "Agenda afgestemd."),
                "needs_discovery": (4, "Hij vertelde uit zichzelf over de problemen met de voorraadtelling."),
                "presenting_value": (4, "Geen demo, alleen twee klantvoorbeelden."),
                "handling_objections": (4, "'Te duur' heb ik laten uitleggen: duur ten opzichte van wat?"),
                "closing": (4, "Vervolgafspraak met IT en de magazijnchef."),
            },
            "coach": {
                "preparation": (5, "Zichtbaar voorbereid, ook op wie er nog meer beslist."),
                "opening": (5, ""),
                "needs_discovery": (
                    5,
                    "Eén open vraag na de andere, en elke keer samengevat. Hij rekende zelf voor wat "
                    "de voorraadverschillen kosten.",
                ),
                "presenting_value": (
                    4,
                    "Twee voorbeelden die precies aansloten. Het tweede voorbeeld was niet nodig.",
                ),
                "handling_objections": (4, "Rustig, goed doorgevraagd."),
                "closing": (4, "Concrete vervolgafspraak. Beslisdatum nog niet gevraagd."),
            },
            "reply": "Beslisdatum: goeie. Die vraag ik in het vervolggesprek.",
            "acknowledged": True,
        },
        "rating": (True, ""),
        "prepare": [("plan", 0), ("plan", 1), ("plan", 4), ("review", 2), ("review", 5)],
    },
    {
        "framework": "grow",
        "agenda": "Tweede helft van het jaar: waar wil ik naartoe?",
        "notes": [
            (
                C,
                PAIR,
                "Sanne rekent zelf: van eerste gesprek naar offerte ging van ongeveer een op de vier naar twee op "
                "de vijf. Vijf nieuwe klanten tot nu toe. Ze wil het resultaat expliciet in haar plan zetten.",
            ),
            (
                S,
                SHARED,
                "Stand van zaken voor Mark: vijf nieuwe klanten, gemiddelde korting dit kwartaal 8%. Ik ben "
                "trots op Rivierenland en Kuipers.",
            ),
        ],
        "plan": [
            (
                "r1",
                "result",
                "Van eerste gesprek naar offerte: van ongeveer een op de vier naar twee op de vijf. Acht "
                "nieuwe klanten dit jaar.",
                "h1",
                "active",
                SHARED,
                False,
            ),
            ("r2", "result", "Gemiddelde korting van 14% naar onder de 10%.", "h3", "achieved", PAIR, False),
        ],
        "outcomes": "Resultaten in het plan gezet. Korting onder de 10% is bereikt; nieuwe klanten ligt op koers.",
        "commitments": [
            (
                "Voor de zomer drie nieuwe eerste gesprekken in het middensegment plannen.",
                "done",
                "Vier gepland, twee al geweest.",
                21,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("goal", 1), ("goal", 3), ("reality", 5), ("way_forward", 2)],
    },
    {
        "framework": "solution_focused",
        "agenda": "De zomer komt eraan en mijn energie zakt. Hoe houd ik het vol?",
        "notes": [
            (
                C,
                PAIR,
                "Wanneer het wél lukt: op dagen met een klantafspraak in de ochtend. Sanne kiest ervoor haar "
                "eerste gesprekken vaker 's ochtends te plannen.",
            ),
            (
                S,
                PRIV,
                "Thuis is het druk met de verbouwing, dat merk ik ook op het werk. Fijn dat ik dat hier kwijt kan.",
            ),
        ],
        "outcomes": "Klantgesprekken vaker in de ochtend plannen.",
        "commitments": [
            (
                "De komende drie weken nieuwe eerste gesprekken alleen in de ochtend plannen.",
                "not_done",
                "Niet gelukt: twee klanten konden alleen 's middags, en ik heb er niet meer op gelet. Ik wil het na de "
                "zomer opnieuw proberen.",
                18,
            ),
        ],
        "rating": (True, "Even pas op de plaats, dat was goed."),
        "prepare": [("preferred_future", 0), ("exceptions", 0), ("resources", 2), ("next_step", 0)],
        "gap": 21,
    },
    {
        "framework": "grow",
        "agenda": "Na de zomer: wat pak ik weer op?",
        "notes": [
            (
                C,
                PAIR,
                "Sanne kiest twee dingen: de maandagochtend weer terug, en bij elke offerte de beslisdatum. Ze "
                "merkt dat haar nieuwe gewoontes in de vakantie wat zijn weggezakt en wil ze weer bewust inzetten.",
            ),
        ],
        "outcomes": "Twee gewoontes weer aangezet: maandagochtend en beslisdatum.",
        "commitments": [
            (
                "De maandagochtend weer blokken, vanaf volgende week.",
                "done",
                "Staat weer, drie weken op rij.",
                14,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("goal", 0), ("reality", 7), ("way_forward", 0), ("way_forward", 6)],
        "gap": 28,
    },
    {
        "framework": "oskar",
        "agenda": "Hoe krijg ik meer verwijzingen van bestaande klanten?",
        "notes": [
            (
                C,
                PAIR,
                "Sanne heeft nog nooit om een verwijzing gevraagd; ze vindt het 'bedelen'. Op de schaal staat ze "
                "op 2. Wat 3 zou zijn: één tevreden klant vragen wie ze nog meer kennen met hetzelfde probleem.",
            ),
        ],
        "proposals": [
            (
                "plan_item",
                "opportunity",
                None,
                "o2",
                "Tevreden klanten vragen wie ze kennen met hetzelfde probleem.",
                "Je zei dat Rivierenland enthousiast is. Als je het zelf ziet zitten, past dit misschien in je plan.",
                "accepted",
            ),
        ],
        "outcomes": "Sanne neemt verwijzingen op in haar plan en begint bij Rivierenland.",
        "commitments": [
            (
                "Rivierenland vragen welke andere zorginstelling met hetzelfde roosterprobleem worstelt.",
                "open",
                "",
                10,
            ),
            ("Drie bestaande klanten bellen voor een tevredenheidsgesprek.", "open", "", -2),
        ],
        "rating": (True, ""),
        "prepare": [("outcome", 1), ("scaling", 0), ("scaling", 2), ("know_how", 2), ("affirm_action", 2)],
    },
    {
        "future": True,
        "framework": "grow",
        "agenda": (
            "Jaarplan voor volgend jaar: wat wil ik zelf, los van het target?\nTerugblik op de verwijzingen."
        ),
        "prepare": [
            ("goal", 0),
            ("goal", 1),
            ("goal", 3),
            ("reality", 1),
            ("options", 0),
            ("way_forward", 0),
        ],
    },
    {
        "future": True,
        "kind": "ride_along",
        "framework": "plan_do_review",
        "agenda": "Meelopen bij de workshop bij Groothandel Brinkman.",
    },
]

SANNE_PROPOSAL_DECLINED = (
    "commitment",
    "Elke dag één koud telefoontje naar een bedrijf in het middensegment.",
    "Je zei dat je pijplijn vooral uit bestaande relaties komt. Dit is een van de mogelijkheden; kijk of het bij je past.",
    "Past niet bij mij. Ik kies liever voor verwijzingen; koud bellen levert bij onze klanten weinig op.",
)

THOMAS_AGREEMENT = {
    "result_to_reach": (
        "Thomas brengt dit jaar twee vervolgopdrachten bij bestaande klanten zelf binnen en voelt zich er prettig "
        "bij, zonder dat het ten koste gaat van zijn vakwerk."
    ),
    "manager_role": (
        "Willem zorgt dat Thomas vier uur per maand declarabel mag besteden aan klantgesprekken en acquisitie, en "
        "bespreekt opdrachtwaarde en planning in zijn eigen overleg met Thomas."
    ),
    "coach_role": (
        "Ingrid werkt met Thomas aan hoe hij naar verkopen kijkt en hoe hij gesprekken voert. Ze meldt Willem alleen "
        "dat er gesprekken plaatsvinden."
    ),
    "reporting": "sessions",
    "cadence": "three_weekly",
    "review_after_days": 120,
    "review_in_days": 24,
    "created_by": "manager",
}

THOMAS: list[Session] = [
    {
        "framework": "grow",
        "agenda": "Eerlijk gezegd weet ik niet wat ik hier moet. Ik ben adviseur, geen verkoper.",
        "notes": [
            (
                C,
                PAIR,
                "Thomas zegt dat hij 'commercie' associeert met opdringerig zijn. Tegelijk vertelt hij trots over "
                "een klant die hij hielp een veel groter probleem te zien dan waarvoor hij was ingehuurd.",
            ),
            (
                C,
                PRIV,
                "Rolweigering, maar ook veel zorg voor zijn klanten. Niet overtuigen; laten onderzoeken wat "
                "'verkopen' voor hem betekent.",
            ),
            (S, PRIV, "Ik ben hier omdat Willem het vroeg. Ik ben benieuwd, maar sceptisch."),
        ],
        "outcomes": "Thomas wil onderzoeken wat 'commercieel zijn' kan betekenen zonder dat hij zichzelf verloochent.",
        "commitments": [
            (
                "Opschrijven bij welke klant ik de afgelopen maanden iets zag waar ik niets mee deed.",
                "done",
                "Drie klanten. Bij één ervan zie ik een probleem dat over een jaar flink geld gaat kosten.",
                21,
            ),
        ],
        "rating": (True, "Beter dan verwacht. Er werd niets van me verwacht wat ik niet wil."),
        "prepare": [("goal", 0), ("goal", 3), ("reality", 0), ("way_forward", 7)],
    },
    {
        "framework": "clear",
        "agenda": "De drie klanten uit mijn lijstje.",
        "notes": [
            (
                C,
                PAIR,
                "Bij de waterschapsklant ziet Thomas dat hun datamodel de nieuwe rapportage-eisen niet aankan. Hij "
                "heeft het niet gezegd 'omdat het zou klinken alsof ik werk zoek'. Vraag die bleef hangen: wat gebeurt er "
                "als hij het niet zegt?",
            ),
        ],
        "plan": [
            (
                "p1",
                "pitfall",
                "Ik zie een probleem bij de klant, maar zeg het niet omdat het zou klinken alsof ik werk "
                "zoek.",
                None,
                "active",
                PAIR,
                False,
            ),
            (
                "b1",
                "belief",
                "Een probleem benoemen dat de klant nog niet ziet, is goed advies, geen verkoop.",
                "p1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Thomas herformuleert verkopen als 'zeggen wat ik zie'.",
        "commitments": [
            (
                "Het probleem met het datamodel benoemen in het volgende overleg met het waterschap.",
                "done",
                "Gedaan, als observatie. De projectleider vroeg zelf of ik er een voorstel voor wilde maken.",
                21,
            ),
        ],
        "rating": (True, "Dat zinnetje 'goed advies, geen verkoop' helpt me echt."),
        "prepare": [("contract", 1), ("listen", 1), ("explore", 0), ("explore", 3), ("action", 0)],
    },
    {
        "framework": "grow",
        "agenda": "Het waterschap wil een voorstel. Hoe schrijf ik dat zonder dat het een verkooppraatje wordt?",
        "notes": [
            (
                C,
                PAIR,
                "Thomas kiest voor een voorstel in zijn eigen stijl: probleem, gevolgen, twee varianten en wat hij "
                "zou doen. Geen brochuretekst.",
            ),
            (
                S,
                SHARED,
                "Willem: het waterschap vraagt om een voorstel voor het datamodel, waarschijnlijk zo'n zestig "
                "dagen werk. Ik schrijf het zelf en wil het graag vóór verzending met je doorlopen.",
            ),
        ],
        "plan": [
            (
                "c1",
                "choice",
                "Ik schrijf voorstellen in mijn eigen woorden: probleem, gevolgen, opties en mijn advies.",
                "p1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Opzet van het voorstel staat.",
        "commitments": [
            (
                "Het voorstel voor het waterschap afronden en met Willem doorlopen.",
                "done",
                "Verstuurd. Willem vond de tweede variant te voorzichtig geprijsd; daar had hij gelijk in.",
                14,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("goal", 0), ("options", 0), ("options", 5), ("way_forward", 0)],
    },
    {
        "framework": "solution_focused",
        "agenda": "Ik zie op tegen het gesprek waarin de klant op het voorstel reageert.",
        "notes": [
            (
                C,
                PAIR,
                "Wat helpt Thomas in moeilijke inhoudelijke gesprekken: goed voorbereid zijn en vragen stellen. "
                "Hij kiest ervoor het reactiegesprek voor te bereiden zoals een inhoudelijke workshop.",
            ),
        ],
        "plan": [
            (
                "h1",
                "behaviour",
                "Ik bereid een gesprek over een voorstel voor zoals een inhoudelijke workshop: vragen "
                "over hun situatie eerst.",
                "c1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Thomas bereidt het gesprek voor met vragen over hun planning en budgetcyclus.",
        "commitments": [
            (
                "Vijf vragen voorbereiden over hun planning, budget en wie er beslist.",
                "done",
                "Budget blijkt pas in januari vrij te komen. Goed om te weten in plaats van te wachten.",
                10,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("preferred_future", 2), ("exceptions", 1), ("resources", 2), ("next_step", 0)],
    },
    {
        "kind": "ride_along",
        "framework": "plan_do_review",
        "agenda": "Meelopen bij het reactiegesprek van het waterschap.",
        "observation": {
            "appointment": "Waterschap, bespreking van het voorstel voor het datamodel",
            "self": {
                "preparation": (4, "Goed voorbereid op de inhoud, minder op de beslissing."),
                "opening": (3, "Ik begon meteen bij de techniek."),
                "needs_discovery": (4, "Veel gevraagd over hun rapportages."),
                "presenting_value": (3, "Ik vond het lastig om het over geld te hebben."),
                "handling_objections": (3, "'Kan het ook in fases?' Ja, maar ik had dat niet voorbereid."),
                "closing": (2, "Niets afgesproken."),
            },
            "coach": {
                "preparation": (4, "Inhoud sterk voorbereid."),
                "opening": (3, "Inhoudelijk sterk begin; het doel van het gesprek noemde je niet."),
                "needs_discovery": (
                    4,
                    "Heel goed doorgevraagd op de rapportage-eisen; zij noemden zelf de boete van "
                    "vorig jaar.",
                ),
                "presenting_value": (
                    3,
                    "Toen de boete ter sprake kwam, koppelde je die niet aan je voorstel.",
                ),
                "handling_objections": (
                    4,
                    "Het idee van fases nam je serieus; je vroeg wat hun voorkeur was.",
                ),
                "closing": (2, "Het gesprek eindigde met 'we laten het u weten'."),
            },
            "reply": (
                "Die boete had ik inderdaad moeten gebruiken. En het einde: ik durfde niet te vragen wat ze "
                "gingen doen. Daar wil ik aan werken."
            ),
            "acknowledged": True,
        },
        "rating": (True, "Fijn dat Ingrid zag wat ik zelf niet zag."),
        "prepare": [("plan", 0), ("plan", 3), ("do", 0), ("review", 1)],
    },
    {
        "framework": "oskar",
        "agenda": "Hoe vraag ik aan het eind van een gesprek wat de klant gaat doen, zonder te pushen?",
        "notes": [
            (
                C,
                PAIR,
                "Thomas staat op een 3 op de schaal 'ik durf een vervolgstap te vragen'. Wat hem al op 3 houdt: "
                "in projecten spreekt hij wél altijd acties en eigenaren af. Hij kiest ervoor dat ook in klantgesprekken "
                "te doen, in zijn eigen woorden.",
            ),
        ],
        "plan": [
            (
                "h2",
                "behaviour",
                "Aan het eind van elk klantgesprek vat ik samen en vraag ik: wat is voor jullie de "
                "volgende stap, en wanneer?",
                "b1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Zijn projectgewoonte 'actie en eigenaar' wordt zijn manier van afsluiten.",
        "commitments": [
            (
                "Het waterschap bellen en vragen wanneer ze willen beslissen en wie erbij betrokken is.",
                "done",
                "Beslissing in februari, met de afdeling financiën. Ik ben uitgenodigd om het toe te lichten.",
                7,
            ),
        ],
        "rating": (True, ""),
        "prepare": [
            ("outcome", 0),
            ("scaling", 0),
            ("know_how", 0),
            ("affirm_action", 1),
            ("affirm_action", 3),
        ],
    },
    {
        "framework": "grow",
        "agenda": "Tweede klant: de gemeente waar ik nu een audit doe.",
        "notes": [
            (
                C,
                PAIR,
                "Thomas heeft bij de gemeente gezien dat hun back-upprocedure niet getest wordt. Hij wil het "
                "benoemen en een klein vervolgonderzoek voorstellen.",
            ),
            (
                S,
                SHARED,
                "Willem: bij de gemeente stel ik een vervolgonderzoek voor naar hun back-ups, ongeveer vijftien "
                "dagen. Wil je meekijken naar de planning?",
            ),
        ],
        "outcomes": "Thomas gebruikt zijn nieuwe afsluitvraag bij de gemeente.",
        "commitments": [
            (
                "Aan het eind van het auditgesprek samenvatten en naar hun volgende stap vragen.",
                "done",
                "Ze willen het vervolgonderzoek in het tweede kwartaal. Offerte gevraagd.",
                14,
            ),
        ],
        "rating": (True, "Het begint vanzelfsprekender te voelen."),
        "prepare": [("goal", 2), ("reality", 3), ("options", 1), ("way_forward", 1)],
    },
    {
        "framework": "clear",
        "agenda": "Ik merk dat ik er nu te veel tijd in stop. Mijn vakwerk lijdt eronder.",
        "notes": [
            (
                C,
                PAIR,
                "Thomas rekent zelf: zes uur acquisitie deze maand, terwijl de afspraak vier was. Hij wil niet "
                "minder doen, maar het slimmer plannen.",
            ),
            (S, PRIV, "Ergens vind ik het leuk geworden. Dat had ik niet verwacht."),
        ],
        "outcomes": "Thomas kiest voor één vast acquisitiemoment per week.",
        "commitments": [
            ("Met Willem bespreken of vier uur per maand nog past bij wat er nu speelt.", "open", "", -3),
        ],
        "rating": (True, ""),
        "prepare": [("contract", 0), ("listen", 0), ("explore", 2), ("action", 2)],
    },
    {
        "future": True,
        "framework": "grow",
        "agenda": "Toelichting bij financiën van het waterschap voorbereiden.",
        "prepare": [("goal", 0), ("reality", 2), ("options", 0), ("way_forward", 5)],
    },
]

LUCAS_AGREEMENT = {
    "result_to_reach": (
        "Lucas bouwt een eigen pijplijn met nieuwe klanten in Overijssel op: twintig eerste gesprekken per kwartaal, "
        "zodat hij minder afhankelijk is van binnenkomende aanvragen."
    ),
    "manager_role": (
        "Sandra stuurt op target en forecast en levert elk kwartaal een lijst met prospects uit de marketingcampagnes."
    ),
    "coach_role": (
        "Bas deelt als collega zijn ervaring, stelt vragen en loopt mee. Hij meldt Sandra alleen dat de gesprekken "
        "plaatsvinden; hij beoordeelt Lucas niet."
    ),
    "reporting": "sessions",
    "cadence": "biweekly",
    "review_after_days": 120,
    "created_by": "coach",
}

LUCAS: list[Session] = [
    {
        "framework": "grow",
        "agenda": "Ik wacht te veel op leads van marketing. Hoe kom ik zelf aan nieuwe klanten?",
        "notes": [
            (
                C,
                PAIR,
                "Lucas heeft nu drie eerste gesprekken per maand, allemaal uit binnenkomende aanvragen. Wat hij "
                "zelf al weet: bellen gaat hem goed af als hij een reden heeft om te bellen.",
            ),
        ],
        "plan": [
            (
                "p1",
                "pitfall",
                "Ik wacht op leads van marketing in plaats van zelf klanten te benaderen.",
                None,
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Lucas zoekt een 'reden om te bellen' die bij hem past.",
        "commitments": [
            (
                "Tien bedrijven in Zwolle opzoeken die het afgelopen jaar zijn gegroeid.",
                "done",
                "Twaalf gevonden, via nieuwsberichten en vacatures.",
                10,
            ),
        ],
        "rating": (True, "Fijn om dit met iemand uit het vak te bespreken."),
        "prepare": [("goal", 0), ("reality", 0), ("reality", 7), ("options", 3)],
    },
    {
        "framework": "grow",
        "agenda": "Hoe bel ik die twaalf bedrijven zonder dat het een verkooptelefoontje wordt?",
        "notes": [
            (
                C,
                PAIR,
                "Bas vertelde hoe hij het zelf doet, maar liet Lucas kiezen. Lucas koos voor een opening over hun "
                "groei: 'Ik zag dat jullie zijn uitgebreid; hoe gaat dat met jullie IT?'",
            ),
            (C, PRIV, "Ik merk dat ik snel mijn eigen aanpak wil vertellen. Meer vragen, minder vertellen."),
        ],
        "plan": [
            (
                "c1",
                "choice",
                "Ik bel bedrijven met een concrete aanleiding, zoals groei of een verhuizing.",
                "p1",
                "active",
                PAIR,
                False,
            ),
        ],
        "outcomes": "Lucas belt met een aanleiding in plaats van met een aanbod.",
        "commitments": [
            (
                "Alle twaalf bedrijven bellen met de groei als aanleiding.",
                "partly",
                "Acht gebeld, drie afspraken. De andere vier heb ik uitgesteld; bellen blijft spannend.",
                14,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("options", 0), ("options", 2), ("way_forward", 0), ("way_forward", 4)],
    },
    {
        "kind": "ride_along",
        "framework": "plan_do_review",
        "agenda": "Meelopen bij Installatiebedrijf Smeets.",
        "observation": {
            "appointment": "Installatiebedrijf Smeets, eerste gesprek na een belafspraak",
            "self": {
                "preparation": (3, "Weinig tijd gehad."),
                "opening": (4, ""),
                "needs_discovery": (3, ""),
                "presenting_value": (4, "Goede klantcase verteld."),
                "closing": (3, "Offerte toegezegd."),
            },
            "coach": {
                "preparation": (3, "Je wist weinig van hun nieuwe vestiging."),
                "opening": (4, "Prettig, ontspannen."),
                "needs_discovery": (
                    3,
                    "Goede eerste vragen; bij 'we hebben het nu wel geregeld' stopte je met vragen.",
                ),
                "presenting_value": (4, "De case van de groothandel paste goed."),
                "closing": (2, "Offerte toegezegd zonder te weten wie beslist of wanneer."),
            },
            "reply": "Die 'we hebben het wel geregeld' herken ik. Volgende keer vraag ik hoe dan.",
            "acknowledged": True,
        },
        "rating": (True, ""),
        "prepare": [("plan", 1), ("plan", 4), ("do", 1), ("review", 1)],
    },
    {
        "framework": "grow",
        "agenda": "Bellen blijft spannend. Hoe maak ik er een gewoonte van?",
        "notes": [
            (
                C,
                PAIR,
                "Lucas kiest voor een vast belblok op dinsdagochtend, samen met een collega uit Team Oost, zodat "
                "ze elkaar scherp houden.",
            ),
        ],
        "plan": [
            (
                "h1",
                "behaviour",
                "Elke dinsdagochtend bel ik een uur, samen met een collega.",
                "c1",
                "active",
                PAIR,
                False,
            ),
            (
                "r1",
                "result",
                "Twintig eerste gesprekken per kwartaal, waarvan de helft uit eigen acquisitie.",
                "h1",
                "active",
                SHARED,
                False,
            ),
        ],
        "outcomes": "Belblok op dinsdag.",
        "commitments": [
            (
                "Vier dinsdagen achter elkaar een uur bellen.",
                "done",
                "Gelukt, zeven afspraken in een maand.",
                28,
            ),
        ],
        "rating": (True, "Samen bellen is veel leuker."),
        "prepare": [("goal", 1), ("reality", 7), ("options", 1), ("way_forward", 2)],
        "gap": 21,
    },
    {
        "framework": "grow",
        "status": "no_show",
        "reason": "Lucas zat bij een klant die uitliep en was het gesprek vergeten af te zeggen.",
    },
    {
        "framework": "grow",
        "agenda": "Terugblik op het kwartaal: hoeveel eerste gesprekken, en wat leverden ze op?",
        "notes": [
            (
                C,
                PAIR,
                "Zeventien eerste gesprekken dit kwartaal, elf uit eigen acquisitie. Lucas wil nu vooral leren "
                "doorvragen als een klant zegt dat alles geregeld is.",
            ),
        ],
        "outcomes": "Zeventien eerste gesprekken; volgende onderwerp: doorvragen.",
        "commitments": [
            (
                "Bij 'we hebben het al geregeld' vragen: hoe dan, en hoe tevreden zijn jullie daarover?",
                "open",
                "",
                9,
            ),
        ],
        "rating": (True, ""),
        "prepare": [("goal", 0), ("reality", 1), ("way_forward", 1)],
    },
    {
        "future": True,
        "framework": "grow",
        "agenda": "Doorvragen als de klant zegt dat alles geregeld is.",
    },
]
