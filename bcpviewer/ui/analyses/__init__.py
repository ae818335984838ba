"""The Analysis menu: progress vs impact, targets, plan versions, journeys, disagreeing sources."""
