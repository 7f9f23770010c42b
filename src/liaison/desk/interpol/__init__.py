"""Import of INTERPOL public notices (red and yellow) from the JSON files INTERPOL publishes, offline.

- format.py, convert.py: reading the files and converting a notice to Liaison's terms (no Django);
- compare.py: what a record changes in a recorded notice (no Django);
- reading.py: the recorded notices, the models' checks, possible duplicates (reads only);
- apply.py: writing a record through the people and desk actions;
- importer.py: the staged import (core/importing.py) that puts them together; views.py, urls.py: its pages.

This package imports nothing itself, so importing format.py or convert.py does not import Django.
"""
