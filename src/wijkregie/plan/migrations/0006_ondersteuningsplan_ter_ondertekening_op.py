from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plan', '0005_doel_persoon'),
    ]

    operations = [
        migrations.AddField(
            model_name='ondersteuningsplan',
            name='ter_ondertekening_op',
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
