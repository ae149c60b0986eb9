"""No select shows Django's "---------" (issue 13, fault 7): the empty choice reads "Kies…" unless a form
names it itself ("(geen)", "Het hele huishouden"), for model choices and choice lists alike."""

from django import forms

from wijkregie.organisatie.models import Team, Wijk
from wijkregie.testing import login


class _Form(forms.Form):
    team = forms.ModelChoiceField(queryset=Team.objects.all(), required=False)
    keuze = forms.TypedChoiceField(choices=[("", "---------"), ("a", "A")], required=False)


class _ModelForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ["locatie"]


def test_an_empty_choice_reads_kies(world):
    for form in (_Form(), _ModelForm()):
        html = str(form)
        assert "---------" not in html and '<option value="" selected>Kies…</option>' in html


def test_a_name_the_form_gives_stays(world):
    form = _Form()
    form.fields["team"].empty_label = "(geen)"
    assert '<option value="">(geen)</option>' in str(form) or '<option value="" selected>(geen)</option>' in str(form)


def test_the_pages_with_selects_show_no_dashes(client, world, casus):
    from wijkregie.plan import services as plan_services

    plan_services.plan_create(actor=world.medewerker, casus=casus)
    login(client, world.medewerker)
    for url in (f"/casussen/{casus.pk}/regie/", f"/casussen/{casus.pk}/plan/", f"/casussen/{casus.pk}/veiligheid/",
                "/signalen/nieuw/", "/aanmeldingen/nieuw/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "---------" not in response.content.decode(), url
    login(client, world.beheerder)
    for soort in ("teams", "medewerkers", "voorzieningen", "mandaten", "locaties"):
        assert "---------" not in client.get(f"/beheer/{soort}/nieuw/").content.decode(), soort
    assert Wijk.objects.exists()
