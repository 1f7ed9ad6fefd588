"""What answers a proposal, found through the answering app's own selectors (no foreign key,
no import of its models): a consultation, a decision or a project of the same neighborhood."""


def exists(kind: str, neighborhood, object_id: int) -> bool:
    if kind == "consultation":
        from linli.consult.selectors import consultations_of

        return consultations_of(neighborhood).filter(pk=object_id).exists()
    if kind == "decision":
        from linli.decide.selectors import decisions_of

        return decisions_of(neighborhood).filter(pk=object_id).exists()
    if kind == "project":
        from linli.projects.selectors import project_list

        return project_list(neighborhood=neighborhood).filter(pk=object_id).exists()
    return False
