"""What the plan phase tells later phases, without knowing them (regie listens)."""

from django.dispatch import Signal

# Sent after a plan version is signed, inside the signing transaction: sender=Ondersteuningsplan, plan=…, actor=…
plan_ondertekend = Signal()
