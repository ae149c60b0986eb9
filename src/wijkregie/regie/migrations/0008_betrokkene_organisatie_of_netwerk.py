from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("regie", "0007_vrije_tekst_betrokkenen")]

    operations = [
        migrations.AddConstraint(
            model_name='betrokkene',
            constraint=models.CheckConstraint(condition=models.Q(('uit_netwerk', True), ('organisatie__isnull', False), ('tot__isnull', False), _connector='OR'), name='betrokkene_organisatie_of_netwerk'),
        ),
    ]
