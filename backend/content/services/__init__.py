"""The content app's writes, each in one transaction with one audit row: the page and its
pictures and map (``pages``), stages and performances, which publish the schedule topic
(``schedule``), sponsors (``sponsors``), and the contact form (``messages``)."""
