"""Coaching craft: the ask-don't-tell assistant for coaches, and the intake for
professionals who are asked to sell (consultants, engineers, accountants).

The analyser itself (``salescoach.craft.analyser``) is plain Python without Django;
this app stores what a coach's trend needs -- counts per analysed text and date, never
the text -- and the intakes of non-sales professionals.
"""
