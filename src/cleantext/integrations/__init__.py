"""Glue for data-processing frameworks: Spark, datatrove, Hugging Face datasets.

Each module imports its framework lazily, so importing it costs nothing when the framework
is not installed; see the README's Pipelines section for examples.
"""
