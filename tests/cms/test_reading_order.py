"""Reading order is depth-first through one language's tree; previous/next and breadcrumbs follow it."""

ENGLISH_ORDER = [
    "welcome",
    "1-principles",
    "principles",
    "spaces",
    "privacy-policy",
    "commoning",
    "2-political-economy",
    "political-economy",
    "register-of-members",
    "8-terminology",
    "terminology",
    "bbb-big-blue-button",
]


def keys_of(demo, pages, language="en"):
    by_id = {demo.page(key, language).pk: key for key in ENGLISH_ORDER if _exists(demo, key, language)}
    return [by_id[page.pk] for page in pages]


def _exists(demo, key, language):
    try:
        demo.page(key, language)
    except Exception:
        return False
    return True


def test_whole_book_reads_depth_first_for_a_member(small_demo, member):
    book = small_demo.page("index")
    assert keys_of(small_demo, book.reading_order(member)) == ENGLISH_ORDER


def test_first_page_has_no_previous_and_last_has_no_next(small_demo):
    assert small_demo.page("welcome").previous_page() is None
    assert small_demo.page("bbb-big-blue-button").next_page() is None


def test_next_goes_into_children_before_siblings(small_demo):
    assert small_demo.page("1-principles").next_page().pk == small_demo.page("principles").pk
    assert small_demo.page("principles").next_page().pk == small_demo.page("spaces").pk


def test_chapter_boundaries(small_demo):
    last_of_chapter_one = small_demo.page("commoning")
    chapter_two = small_demo.page("2-political-economy")
    assert last_of_chapter_one.next_page().pk == chapter_two.pk
    assert chapter_two.previous_page().pk == last_of_chapter_one.pk
    # Leaving a deep branch climbs back up: the last page of a sub-tree is followed by its parent's sibling.
    assert small_demo.page("privacy-policy").next_page().pk == small_demo.page("commoning").pk
    assert small_demo.page("commoning").previous_page().pk == small_demo.page("privacy-policy").pk


def test_members_only_pages_are_skipped_for_the_public(small_demo, member):
    before = small_demo.page("political-economy")
    assert before.next_page(member).pk == small_demo.page("register-of-members").pk
    assert before.next_page().pk == small_demo.page("8-terminology").pk
    assert small_demo.page("8-terminology").previous_page().pk == before.pk


def test_breadcrumbs_run_from_the_index_to_the_parent(small_demo):
    crumbs = small_demo.page("spaces").breadcrumbs()
    assert [page.pk for page in crumbs] == [
        small_demo.page("index").pk,
        small_demo.page("1-principles").pk,
        small_demo.page("principles").pk,
    ]
    assert [page.pk for page in small_demo.page("welcome").breadcrumbs()] == [small_demo.page("index").pk]


def test_each_language_reads_its_own_tree(small_demo):
    spanish = small_demo.page("index", "es")
    assert keys_of(small_demo, spanish.reading_order(), "es") == ["1-principles", "principles", "spaces"]
    assert small_demo.page("spaces", "es").next_page() is None
    assert small_demo.page("principles", "es").previous_page().pk == small_demo.page("1-principles", "es").pk


def test_handbook_path_is_relative_to_the_language_index(small_demo):
    assert small_demo.page("spaces").handbook_path() == "/1-principles/principles/spaces/"
    assert small_demo.page("spaces", "es").handbook_path() == "/1-principios/principios/espacios/"
    assert small_demo.page("index").handbook_path() == "/"
