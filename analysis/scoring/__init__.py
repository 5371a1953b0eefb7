"""Scoring: every measure for many articles, streamed runs, engines, and reading results back."""
