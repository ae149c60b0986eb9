"""CBS Beleidsinformatie Jeugd: the file's layout (one table in backoffice/cbs.py, KOLOMMEN) and its name."""

import datetime

from wijkregie.backoffice import cbs

from .cbs_hulp import jeugd_toewijzing, kind, wijkteam_hulp

H1 = cbs.Periode(2026, 1)


def test_the_file_is_ascii_with_a_header_and_one_line_per_traject(world):
    sem = kind(world, geboortedatum=datetime.date(2013, 2, 3), postcode="1784 ab")
    t = jeugd_toewijzing(world, sem, productcategorie="41", ingangsdatum=datetime.date(2026, 1, 15),
                         gestart_op=datetime.date(2026, 1, 20), gestopt_op=datetime.date(2026, 5, 31),
                         reden_beeindiging="34")
    regel = wijkteam_hulp(world, kind(world, "Noor", "Mulder"), ingangsdatum=datetime.date(2026, 2, 2))
    lev = cbs.levering(world.den_helder, H1)
    assert lev.in_orde, [str(f) for f in lev.fouten]
    inhoud = lev.inhoud()
    inhoud.decode("ascii")  # plain ASCII: codes, dates and numbers only
    regels = inhoud.decode("ascii").split("\r\n")
    assert regels[0] == ("gemeentecode;verslagperiode;trajectnummer;bsn;geboortedatum;geslacht;postcode;verwijzer;"
                         "hulpvorm;datum_aanvang;datum_einde;reden_beeindiging")
    assert regels[0].split(";") == [k.naam for k in cbs.KOLOMMEN]
    assert regels[1] == f"0400;2026-1;T{t.toewijzingnummer:09d};{sem.bsn};20130203;0;1784AB;01;33;20260120;20260531;34"
    assert regels[2].startswith(f"0400;2026-1;W{regel.pk:09d};") and regels[2].endswith(";01;31;20260202;;")
    assert regels[3:] == [""]  # CRLF after the last line, nothing else
    assert lev.bestandsnaam == "beleidsinformatie_jeugdhulp_0400_2026-1.csv"


def test_the_correction_delivery_is_the_whole_previous_period(world):
    jeugd_toewijzing(world, kind(world), ingangsdatum=datetime.date(2025, 9, 1), einddatum=datetime.date(2026, 8, 31))
    vorige, = [lev for lev in cbs.leveringen(world.den_helder, H1) if lev.herlevering]
    assert vorige.periode == cbs.Periode(2025, 2)
    assert vorige.bestandsnaam == "beleidsinformatie_jeugdhulp_0400_2025-2_herlevering.csv"
    assert vorige.tekst().split("\r\n")[1].startswith("0400;2025-2;T")
