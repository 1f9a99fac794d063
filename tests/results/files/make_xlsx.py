# ruff: noqa: DTZ001  -- Excel cells hold dates and times without a time zone.
"""Writes hubspot_deals_nl.xlsx: a HubSpot deals export as .xlsx with Dutch headings
(HubSpot exports to Excel by default). Run from this folder: python make_xlsx.py"""

from datetime import datetime

from openpyxl import Workbook

workbook = Workbook()
sheet = workbook.active
sheet.title = "Deals"
sheet.append(
    [
        "Record-ID",
        "Dealnaam",
        "Dealfase",
        "Sluitingsdatum",
        "Dealeigenaar",
        "Bedrag",
        "Pijplijn",
        "Aanmaakdatum",
    ]
)
sheet.append(
    [
        15001200300,
        "Hoveniersbedrijf Van Gils - wagenpark",
        "Presentation Scheduled",
        datetime(2026, 4, 17),
        "Sanne Seller",
        21400,
        "Sales Pipeline",
        datetime(2026, 2, 2, 9, 30),
    ]
)
sheet.append(
    [
        15001200301,
        "Camping De Kempen - reserveringssysteem",
        "Closed Won",
        datetime(2026, 1, 29, 14, 0),
        "Sanne Seller",
        8650.75,
        "Sales Pipeline",
        datetime(2025, 11, 18, 10, 15),
    ]
)
sheet.append(
    [
        15001200302,
        "Accountantskantoor Van Rooij - werkplekbeheer",
        "Qualified To Buy",
        datetime(2026, 6, 30),
        "Carla Colleague",
        39900,
        "Sales Pipeline",
        datetime(2026, 2, 20, 16, 45),
    ]
)
workbook.save("hubspot_deals_nl.xlsx")
