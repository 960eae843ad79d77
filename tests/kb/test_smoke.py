def test_public_pages_answer(client, site_tree):
    for url in ["/", "/reseau/", "/reseau/ile-de-france/", "/reseau/ile-de-france/coop-beta/"]:
        assert client.get(url).status_code == 200, url
