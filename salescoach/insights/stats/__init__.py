"""The statistics behind Insights: plain Python and NumPy, no Django.

- ``panel``: the data the estimator consumes (one row per seller and period, one record
  per seller) and the arrays built from it.
- ``impact``: the difference-in-differences estimator for staggered coaching starts
  (group-time effects against not-yet-coached sellers, aggregated), with seller-clustered
  intervals, by performance band; ``report`` turns it into the API's shape and verdict.
- ``suppression``: the privacy thresholds (primary and complementary suppression).
- ``synthetic``: synthetic organisations with a known coaching effect, for tests,
  benchmarks and the documentation's simulation figures.

Keeping Django out means the methods can be tested fast and read on their own; the
Django side (``salescoach.insights.selectors``) only builds the input and checks access.
"""
