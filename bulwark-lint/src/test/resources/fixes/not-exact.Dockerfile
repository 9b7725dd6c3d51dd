FROM debian:bookworm
# the install word is split by a continuation, and the RUN ends in a comment: no fix, the findings stay
RUN apt-get update && apt-get ins\
tall -y curl # tools
RUN apk add curl; 
CMD node server.js | tee log
