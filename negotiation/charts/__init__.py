"""Charts: every Altair builder (a DataFrame in, a chart out), their shared style and label
layout, and the views that pair each chart with its data by name."""
