from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('casus', '0005_gegevens_overnemen')]

    operations = [
        migrations.RemoveField(
            model_name='toestemming',
            name='gegeven_door_vertegenwoordiger',
        ),
        migrations.AddConstraint(
            model_name='casus',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'afgesloten'), _negated=True), fields=('huishouden',), name='een_open_casus_per_huishouden'),
        ),
        migrations.AddConstraint(
            model_name='toestemming',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('gegeven_als', 'zelf'), ('gegeven_door__isnull', True)), models.Q(('gegeven_als', 'gezag'), ('gegeven_door__isnull', False)), models.Q(('gegeven_als', 'vertegenwoordiger'), models.Q(('gegeven_door__isnull', False), models.Q(('vertegenwoordiger_naam', ''), _negated=True), _connector='OR')), _connector='OR'), name='toestemming_gever_genoemd'),
        ),
    ]
