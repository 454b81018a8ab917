"""Batch API: many pages through worker processes, results in input order.

    python examples/batch_example.py
"""

from cleantext import Cleaner
from cleantext.parallel import Page, map_ordered
from cleantext.testing import article_paragraphs, make_page

if __name__ == "__main__":  # worker processes re-import this module: keep the work under the guard
    pages = [Page(make_page(article_paragraphs(seed=i), seed=i), url=f"http://example.cn/{i}") for i in range(50)]
    cleaner = Cleaner(min_body_han=20)
    for doc in map_ordered(cleaner, pages, jobs=2):  # or cleaner.extract_many(pages, jobs=2)
        print(doc.url, doc.title, doc.text[:30])
