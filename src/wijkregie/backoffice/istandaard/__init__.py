"""The iWmo/iJw 3.2 message exchange with care providers, as pure functions (no database).

Building outgoing messages (301 toewijzing, 319 antwoord), reading incoming ones (305 start, 307 stop,
315 verzoek om toewijzing, 317 verzoek om wijziging, 302/320 retour on what we sent), validating them
against the standard's XSDs (`xsd/`, copied from ../shared/istandaarden), checking the standard's rules
(regels.py: the CS/CD/TR/OP ids of ../shared/istandaarden/*/regels) and building the retour messages
(306, 308, 316, 318). Everything takes and returns plain dataclasses and bytes; the database side is
backoffice.berichten.
"""
