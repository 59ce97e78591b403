"""The entity and event classes extractors may emit, each with its contract top class.

tests/test_ontology.py checks that this table agrees with `ontology/kg.ttl`.
"""

from __future__ import annotations

SUBCLASS_OF: dict[str, str] = {
    # entities
    "Actor": "Actor",
    "Faction": "Faction",
    "ArmedGroup": "Faction",
    "StateForce": "Faction",
    "GovernmentBody": "Faction",
    "PoliticalParty": "Faction",
    "Community": "Faction",
    "MediaOutlet": "Faction",
    "NGO": "Faction",
    "InternationalOrganisation": "Faction",
    "Place": "Place",
    "Country": "Place",
    "AdministrativeArea": "Place",
    "Settlement": "Place",
    "Neighbourhood": "Place",
    "Facility": "Place",
    # events
    "Event": "Event",
    "Killing": "Event",
    "Execution": "Killing",
    "Attack": "Event",
    "Bombardment": "Event",
    "Airstrike": "Bombardment",
    "Shelling": "Bombardment",
    "Clash": "Event",
    "AttackOnForces": "Attack",  # and Clash: see ALSO_UNDER
    "KillingOfForces": "Killing",  # and AttackOnForces
    "PropertyDestruction": "Attack",  # and Looting
    "SexualViolence": "Event",
    "Abduction": "Event",
    "Arrest": "Event",
    "Looting": "Event",
    "Displacement": "Event",
    "Protest": "Event",
    "Appeal": "Event",
    "Threat": "Event",
    "Agreement": "Event",
    "Rebellion": "Event",
    "TransferOfPower": "Event",
    "Rescue": "Event",
}

# classes with a second parent in the ontology: an attack on armed forces is also a clash, a
# killing of fighters an attack on forces, burning houses a destruction of property
ALSO_UNDER: dict[str, tuple[str, ...]] = {"AttackOnForces": ("Clash",),
                                          "KillingOfForces": ("AttackOnForces",),
                                          "PropertyDestruction": ("Looting",)}

TOP_CLASSES = ("Actor", "Faction", "Place")


def top_class(cls: str) -> str:
    """The contract class above `cls`: Actor, Faction, Place or Event."""
    seen = cls
    while SUBCLASS_OF.get(seen, seen) != seen:
        seen = SUBCLASS_OF[seen]
    if seen == "Event" or seen in TOP_CLASSES:
        return seen
    raise KeyError(f"unknown class {cls}")


def is_a(cls: str, ancestor: str) -> bool:
    """Whether `cls` is `ancestor` or below it."""
    while True:
        if cls == ancestor:
            return True
        parent = SUBCLASS_OF.get(cls, cls)
        if parent == cls:
            return False
        cls = parent
