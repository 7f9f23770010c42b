"""The crime-information exchange: messages between agencies under handling and evaluation codes, with receipts,
replies, deadlines, permission requests, recall and retention review (docs/decisions/0036, 0037)."""
