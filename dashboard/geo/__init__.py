"""The province on the map: communes and their boundaries, placing a test in a commune, and the maps' layers and legends."""
