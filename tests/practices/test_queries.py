from practices.factories import CommentFactory


def test_procedure_with_50_comments_renders_in_bounded_queries(
    client, procedure, people, django_assert_max_num_queries
):
    authors = [people["member_a"], people["member_b"], people["editor_a"], people["moderator"]]
    threads = [
        CommentFactory(page=procedure, author=authors[n % 4], body=f"Commentaire **{n}**") for n in range(25)
    ]
    for n, thread in enumerate(threads):
        CommentFactory(page=procedure, parent=thread, author=authors[(n + 1) % 4], body=f"Réponse {n}")
    client.force_login(people["member_a"])
    client.get(procedure.url)  # warm caches (site root, content types) like a running server

    with django_assert_max_num_queries(30):
        response = client.get(procedure.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="comment"') + html.count('class="comment comment--reply"') == 50
    assert "<strong>24</strong>" in html and "Réponse 24" in html
