-- sObject describes kept between runs (a describe is an API call and rarely changes).
CREATE TABLE sobject_describe (
    sobject    VARCHAR(80) PRIMARY KEY,
    body       VARCHAR(1000000) NOT NULL,
    fetched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
