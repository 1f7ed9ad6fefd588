"""A forum address with a NUL character answers 404, never 500 (PostgreSQL refuses NUL in text)."""


def test_an_image_address_with_a_nul_is_not_found(client, people):
    assert client.get("/forum/images/1.%00").status_code == 404
    assert client.get("/forum/images/1.png%00").status_code == 404
