-- Per partition of a consumed topic, the id of the topic this service committed offsets on
-- (kit-kafka ReplacedTopicRewinder): a topic deleted and created again under the same name has a
-- new id, and its partitions are read again from their beginning.
CREATE TABLE consumed_topic_partitions (
    topic     TEXT    NOT NULL,
    partition INTEGER NOT NULL,
    topic_id  TEXT    NOT NULL,
    PRIMARY KEY (topic, partition)
);
