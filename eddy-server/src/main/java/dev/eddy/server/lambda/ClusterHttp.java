package dev.eddy.server.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.cluster.Lease;
import dev.eddy.cluster.LeaseCoordinator;
import dev.eddy.cluster.NodeRecord;
import dev.eddy.error.EddyException;
import dev.eddy.mapping.ShardStatus;
import dev.eddy.mapping.run.MappingRunner;
import dev.eddy.server.http.RestRoutes;
import dev.eddy.server.http.RestService;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /eddy/v1/cluster} (Eddy's own, not Lambda's): the nodes sharing this node's store
 * (id, address, start, last heartbeat, live), every lease (group, key, owner, expiry, counter) and
 * the lag of each mapping on the shards this node processes ({@code eddy cluster status} prints
 * it). A single node answers {@code "Clustered": false} and no nodes or leases.
 */
public final class ClusterHttp implements RestService {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Optional<LeaseCoordinator> leases;
    private final MappingRunner runner;
    private final InstantSource clock;

    public ClusterHttp(Optional<LeaseCoordinator> leases, MappingRunner runner, InstantSource clock) {
        this.leases = leases;
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    public void routes(RestRoutes routes) {
        routes.get(LambdaHttp.EDDY_PREFIX + "/cluster", this::status);
    }

    private void status(ServerRequest req, ServerResponse res) throws IOException {
        ObjectNode out = NODES.objectNode();
        out.put("Clustered", leases.isPresent());
        ArrayNode nodes = out.putArray("Nodes");
        ArrayNode leaseList = out.putArray("Leases");
        leases.ifPresent(c -> {
            Instant now = clock.instant();
            out.put("NodeId", c.nodeId());
            for (NodeRecord n : c.registry().nodes()) {
                ObjectNode node = nodes.addObject();
                node.put("NodeId", n.id());
                node.put("Address", n.address());
                node.put("Started", n.started().toString());
                node.put("LastSeen", n.lastSeen().toString());
                node.put("Live", n.live(now, c.leaseDuration()));
            }
            for (Lease l : c.leases()) {
                ObjectNode lease = leaseList.addObject();
                lease.put("Group", l.group());
                lease.put("Key", l.key());
                lease.put("Owner", l.owner());
                lease.put("Expiry", l.expiry().toString());
                lease.put("Counter", l.counter());
                lease.put("Live", l.heldBy(l.owner(), now));
            }
        });
        Map<String, Long> lag = new TreeMap<>();
        for (ShardStatus s : runner.statuses()) {
            lag.merge(s.uuid(), s.lag(), Long::sum);
        }
        ArrayNode mappings = out.putArray("Mappings");
        lag.forEach((uuid, l) -> mappings.addObject().put("UUID", uuid).put("Lag", l));
        LambdaJsonBodies.send(res, Status.OK_200, out);
    }

    @Override
    public ObjectNode errorBody(EddyException e) {
        return LambdaErrors.body(e);
    }

    @Override
    public EddyException internalError() {
        return LambdaJsonBodies.internalError();
    }
}
