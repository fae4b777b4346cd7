"""Ministry lists declared by spec: any 採択案件一覧 or 公表事案 list → typed rows, editions and
row-level change logs, without Python for each new list (``docs/adding-a-list.md``).

``spec`` reads and checks the TOML specs; ``values`` types a printed value; ``layout``
reads a table a spec recognizes into rows (and adoptions, for a list that feeds a
program); ``checks`` are the data-quality checks a spec implies; ``suggest`` drafts a
spec from a PDF.
"""
