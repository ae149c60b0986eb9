"""What the regie phase tells later readers (the monitor), without knowing them."""

from django.dispatch import Signal

# Sent inside the closing transaction: sender=Afsluiting, afsluiting=…, actor=…
casus_afgesloten = Signal()
# Sent inside the evaluation transaction: sender=Evaluatie, evaluatie=…, actor=…
evaluatie_gehouden = Signal()
