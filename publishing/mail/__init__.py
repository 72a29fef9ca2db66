"""Issues by e-mail: subscriptions with double opt-in, mailings of editions, bounces.

- subscriptions.py: subscribing (a confirmation link, signed and expiring; nothing is
  mailed before it is opened), confirming, changing languages and topics, leaving, and
  stopping mail to an address that bounces or complains; a subscriber's data exported.
- compose.py: the mails themselves, built from an edition's frozen content (HTML with
  inline styles and a plain-text part, List-Unsubscribe headers per RFC 8058).
- sending.py: a mailing as background work (publishing/pipeline.py): one delivery per
  subscriber, unique, sent in throttled batches, temporary failures tried again.
- transport.py: how the mail of background work goes out, these mailings and the
  publishers' review notices (publishing/notifications.py) alike.
- bounces.py: what an e-mail service's webhooks (django-anymail) and delivery status
  notifications (DSNs) say about an address.
"""
