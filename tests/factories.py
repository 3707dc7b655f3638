"""factory_boy factories for the models tests build again and again."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from backend.accounts.models import AllowlistEntry, Role, RoleGrant, User
from backend.inventory.models import Event, Resource, Slot, Venue


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    phone = factory.Sequence(lambda n: f"+9665{n:08d}")
    name = factory.Faker("name")
    # An address given to the factory counts as proved (pass verified_email="" for one that
    # is not); the phone does not (see ``proved`` in the tests that text a guest).
    email = None
    verified_email = factory.LazyAttribute(lambda user: user.email or "")


class StaffFactory(UserFactory):
    """Staff with an e-mail and password; ``event`` limits the grant to one event."""

    class Meta:
        skip_postgeneration_save = True

    phone = None
    email = factory.Sequence(lambda n: f"staff{n}@example.com")
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def grant(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            RoleGrant.objects.create(user=self, role=Role.STAFF, event=kwargs.get("event"))


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Venue {n}")
    city = "Riyadh"
    time_zone = "Asia/Riyadh"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    name = factory.Sequence(lambda n: f"Event {n}")
    kind = Event.Kind.FESTIVAL
    venue = factory.SubFactory(VenueFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=6))
    status = Event.Status.ON_SALE


class AllowlistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AllowlistEntry

    event = factory.SubFactory(EventFactory, allowlist_only=True, kind=Event.Kind.VIP)
    phone = factory.Sequence(lambda n: f"+9665{n + 50_000_000:08d}")
    name = "ضيف"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    event = factory.SubFactory(EventFactory)
    kind = Resource.Kind.TICKET
    name = factory.Sequence(lambda n: f"Ticket type {n}")
    price = Decimal("100.00")
    units = 10


class SlotFactory(factory.django.DjangoModelFactory):
    """A slot of a ticket type; ``capacity`` defaults to the resource's units."""

    class Meta:
        model = Slot

    resource = factory.SubFactory(ResourceFactory)
    starts_at = factory.LazyAttribute(lambda s: s.resource.event.starts_at)
    ends_at = factory.LazyAttribute(lambda s: s.resource.event.ends_at)
    capacity = factory.LazyAttribute(lambda s: s.resource.units)


class ServiceEventFactory(EventFactory):
    """A repair shop's event: the kind a catalog belongs to, in rupees."""

    kind = Event.Kind.SERVICE
    currency = "INR"


class VehicleTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.VehicleType"

    event = factory.SubFactory(ServiceEventFactory)
    name = factory.Sequence(lambda n: f"Type {n}")


class VehicleBrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.VehicleBrand"

    vehicle_type = factory.SubFactory(VehicleTypeFactory)
    name = factory.Sequence(lambda n: f"Brand {n}")


class VehicleModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.VehicleModel"

    brand = factory.SubFactory(VehicleBrandFactory)
    name = factory.Sequence(lambda n: f"Model {n}")


class ServiceCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.ServiceCategory"

    event = factory.SubFactory(ServiceEventFactory)
    name = factory.Sequence(lambda n: f"Category {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.Service"

    category = factory.SubFactory(ServiceCategoryFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    duration_minutes = 60
    base_price = Decimal("500.00")


class ServicePriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.ServicePrice"

    service = factory.SubFactory(ServiceFactory)
    vehicle_model = factory.SubFactory(VehicleModelFactory)
    offered = True
    price = Decimal("650.00")
