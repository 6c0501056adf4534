package io.bookstore.storefront.client;

import io.bookstore.contracts.problem.Problem;

/**
 * A downstream service refused a request for a reason the client can act on (invalid
 * input, not found, conflict, insufficient stock): its status and problem are passed on.
 * It is an answer, not a failure: it neither retries nor counts against a circuit breaker.
 */
public class DownstreamProblemException extends RuntimeException {

    private final String downstream;
    private final Problem problem;

    public DownstreamProblemException(String downstream, Problem problem) {
        super(downstream + " answered " + problem.status() + " " + problem.type() + ": " + problem.detail());
        this.downstream = downstream;
        this.problem = problem;
    }

    public String downstream() {
        return downstream;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    public boolean is(String problemType) {
        return problemType.equals(problem.type());
    }
}
