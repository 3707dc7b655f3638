"""A service business's catalog: vehicle types, brands and models, service categories and
services, and the price of each service for each model (the repair shop's)."""
