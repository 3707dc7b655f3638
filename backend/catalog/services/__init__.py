"""The catalog's writes: the price-list import (the admin edits single rows itself)."""
