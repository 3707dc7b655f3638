"""The staff's figures per business (sales, occupancy, utilisation, the repair shop's board)
and the bookings export. They live in checkin, the highest app they read: bookings, their
payments and tickets, and who came in."""
