"""The commands, by what they work on: the dataset, the records, the press kit, browsing."""
