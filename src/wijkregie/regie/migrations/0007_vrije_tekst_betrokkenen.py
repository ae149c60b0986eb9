from django.db import migrations, models
from django.utils import timezone


def vrije_tekst_beeindigen(apps, schema_editor):
    """A betrokkene typed as free text without an organisation skipped the consent check: it ends today,
    with the reason on it, so the regisseur records it again with its organisation (and the consent)."""
    Betrokkene = apps.get_model("regie", "Betrokkene")
    Betrokkene.objects.filter(organisatie__isnull=True, uit_netwerk=False, tot__isnull=True).update(
        tot=timezone.localdate(), reden_einde="zonder organisatie vastgelegd: opnieuw vastleggen met organisatie")


class Migration(migrations.Migration):

    dependencies = [("regie", "0006_betrokkene_organisatie_grondslag")]

    operations = [migrations.RunPython(vrije_tekst_beeindigen, migrations.RunPython.noop)]
