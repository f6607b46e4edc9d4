#!/bin/sh
# The default torchshape of the aspect: the one on the action's PATH.
exec torchshape "$@"
