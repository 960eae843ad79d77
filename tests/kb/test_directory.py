from kb.factories import CooperativePageFactory


def names(response):
    return [c.title for c in response.context["cooperatives"]]


def test_filter_by_skill(client, site_tree):
    response = client.get("/reseau/", {"competence": "developpement-web"})
    assert names(response) == ["Coop Alpha"]


def test_filter_by_skill_and_region_combines(client, site_tree):
    assert names(client.get("/reseau/", {"competence": "infogerance", "region": "ile-de-france"})) == [
        "Coop Beta"
    ]
    assert (
        names(client.get("/reseau/", {"competence": "infogerance", "region": "auvergne-rhone-alpes"})) == []
    )


def test_region_page_lists_its_own_cooperatives_and_filters_them(client, site_tree):
    assert names(client.get("/reseau/ile-de-france/")) == ["Coop Beta"]
    assert names(client.get("/reseau/ile-de-france/", {"competence": "developpement-web"})) == []


def test_unknown_filter_values_get_a_clear_message_not_an_error(client, site_tree):
    response = client.get("/reseau/", {"competence": "<script>", "region": "atlantide"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cette compétence n&#x27;existe pas" in content
    assert "Cette région n&#x27;existe pas" in content
    assert "<script>" not in content
    # Nothing is filtered on invalid input: the whole directory stays visible.
    assert names(response) == ["Coop Alpha", "Coop Beta"]


def test_cooperative_page_shows_its_facts(client, site_tree):
    content = client.get("/reseau/auvergne-rhone-alpes/coop-alpha/").content.decode()
    assert "Coop Alpha" in content
    assert "Lyon" in content
    assert "Auvergne-Rhône-Alpes" in content
    assert "Développement web" in content


def test_directory_query_count_does_not_grow_with_cooperatives(
    client, site_tree, django_assert_max_num_queries
):

    for i in range(20):
        CooperativePageFactory(
            parent=site_tree["region_ara"],
            title=f"Coop {i}",
            slug=f"coop-{i}",
            skills=[site_tree["skills"]["web"]],
        )
    with django_assert_max_num_queries(25):
        response = client.get("/reseau/")
    assert len(names(response)) == 22
