"""Inventory reads, by what they are about: events, slots (availability), holds, stays."""
