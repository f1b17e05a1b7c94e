"""Scrapy commands of the wiretrace project."""
