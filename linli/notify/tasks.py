from django_tasks import task


@task()
def deliver_emails(delivery_ids: list[int]):
    from .actions import deliveries_send

    return deliveries_send(delivery_ids)


@task()
def build_digests():
    from .actions import digests_build

    return digests_build()
