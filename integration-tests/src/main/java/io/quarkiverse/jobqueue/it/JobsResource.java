package io.quarkiverse.jobqueue.it;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.jobqueue.JobId;
import io.quarkiverse.jobqueue.JobInfo;
import io.quarkiverse.jobqueue.JobQueue;
import io.quarkiverse.jobqueue.JobState;

/** A small HTTP view of the queue, to try the example with curl. */
@Path("/jobs")
public class JobsResource {

    @Inject
    JobQueue jobs;

    @POST
    @Path("/{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> enqueue(@PathParam("type") String type, JsonNode payload) {
        return Map.of("id", jobs.enqueue(type, payload).toString());
    }

    @GET
    public List<JobInfo> list(@QueryParam("state") JobState state, @QueryParam("queue") String queue) {
        return jobs.list(state, queue, 100);
    }

    @GET
    @Path("/stats")
    public Map<JobState, Long> stats(@QueryParam("queue") String queue) {
        return jobs.stats(queue);
    }

    @GET
    @Path("/{id}")
    public JobInfo find(@PathParam("id") String id) {
        return jobs.find(JobId.of(id)).orElseThrow(() -> new NotFoundException("No job " + id));
    }

    @POST
    @Path("/{id}/replay")
    public boolean replay(@PathParam("id") String id) {
        return jobs.replay(JobId.of(id));
    }

    @POST
    @Path("/{id}/cancel")
    public boolean cancel(@PathParam("id") String id) {
        return jobs.cancel(JobId.of(id));
    }

    @DELETE
    @Path("/{id}")
    public boolean delete(@PathParam("id") String id) {
        return jobs.delete(JobId.of(id));
    }
}
