"""The annotated and raw news datasets the kit reads, one module per dataset.

Each module holds the one reading of its dataset's files (which fields, how they are
normalised, what counts as an error), so every caller — the corpus adapters that score a
dataset, validation, the training of the target model — reads a dataset the same way:

- ``basil``: BASIL (Fan et al. 2019) articles and their lexical-bias annotations;
- ``babe``: BABE (Spinde et al. 2021) sentences labelled biased or not, with their biased words;
- ``newsmtsc``: NewsMTSC (Hamborg & Donnay 2021) targets and their sentiment.

None of the datasets' text is shipped with the kit.
"""
