"""The library service: scanning, indexing and querying photos. No Qt."""
