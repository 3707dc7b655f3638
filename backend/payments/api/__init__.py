"""Payments over HTTP: guests paying (``pay``) and staff taking cash, comping and refunding
(``staff``)."""
