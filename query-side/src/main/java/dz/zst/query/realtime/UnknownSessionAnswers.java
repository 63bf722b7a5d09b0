package dz.zst.query.realtime;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * A workaround of netty-socketio 2.0.14 (the newest release): a polling request of a session the
 * node does not hold (it was held by a node that stopped or died, or it timed out) is answered
 * with an empty 500 and logged at error level ({@code PollingTransport}: "is not registered";
 * upstream mrniko/netty-socketio#372 and #748, both open). Behind a load balancer that happens to
 * every polling client of a node that leaves (bench/faults.sh: 14,984 of them in one rolling
 * restart), and a 500 says the server is broken when the client only has to start over. engine.io's
 * own server answers 400 {@code {"code":1,"message":"Session ID unknown"}}, which socket.io clients
 * take as the transport's end and reconnect, as they did after the 500; this says the same.
 * PollingTransport's error lines are turned off in application.yml. Delete both when a netty-socketio
 * release answers an unknown session with a 4xx itself.
 *
 * <p>PollingTransport sends its 500 (unknown session, or a method it does not take) as a bare
 * {@link HttpResponse} and no other handler of netty-socketio answers 500, so that is what is
 * rewritten, on its way out before the HTTP encoder.
 */
@ChannelHandler.Sharable
final class UnknownSessionAnswers extends ChannelOutboundHandlerAdapter {

    static final String NAME = "zstUnknownSessionAnswers";
    private static final byte[] BODY = "{\"code\":1,\"message\":\"Session ID unknown\"}".getBytes(StandardCharsets.UTF_8);
    private static final UnknownSessionAnswers INSTANCE = new UnknownSessionAnswers();

    /** netty-socketio's pipeline with this handler after its HTTP encoder (so it sees responses before they are encoded). */
    static SocketIOChannelInitializer pipeline() {
        return new SocketIOChannelInitializer() {
            @Override
            protected void addSocketioHandlers(ChannelPipeline pipeline) {
                super.addSocketioHandlers(pipeline);
                pipeline.addAfter(HTTP_ENCODER, NAME, INSTANCE);
            }
        };
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !(msg instanceof HttpContent)
                && response.status().equals(HttpResponseStatus.INTERNAL_SERVER_ERROR)) {
            FullHttpResponse unknown = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.wrappedBuffer(BODY));
            unknown.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, BODY.length)
                    // netty-socketio closes the connection once it is written
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(unknown, promise);
            return;
        }
        ctx.write(msg, promise);
    }
}
